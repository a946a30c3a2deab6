package jgrad.optim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads golden/optim_golden.txt, written by golden/make_optim_golden.py (see its docstring). */
final class Golden {
    /** A tensor from the file: shape and row-major values. */
    record Values(int[] shape, double[] data) {}

    /** One parameter group: parameter names and hyperparameter overrides (null: all defaults). */
    record Group(List<String> params, Map<String, Double> options) {}

    /**
     * One optimizer case. {@code scheduler} (null if none) is stepped after every optimizer step;
     * then {@code lrs.get(k)[group]} are the lrs after k steps (empty without a scheduler).
     */
    record OptCase(String name, String optimizer, List<Group> groups,
            List<Map<String, Values>> after, Map<String, Map<String, Values>> state, SchedCase scheduler,
            List<double[]> lrs) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One scheduler case: lrs.get(epoch)[group]. Settings that are one number are in
     * {@code options}; the others (a word such as {@code mode=max}, or one value per group) in
     * {@code words}. {@code metrics[epoch - 1]} is fed to ReduceLROnPlateau's step (else null).
     */
    record SchedCase(String name, String scheduler, Map<String, Double> options, Map<String, String> words,
            double[] groupLrs, List<double[]> lrs, double[] metrics) {
        @Override
        public String toString() {
            return name;
        }
    }

    final Map<String, Values> inputs = new LinkedHashMap<>();
    /** grads.get(k).get(name): the gradient at step k+1, or null (absent) when the param has none. */
    final List<Map<String, Values>> grads = new ArrayList<>();
    final List<OptCase> optCases = new ArrayList<>();
    final List<SchedCase> schedCases = new ArrayList<>();

    private static final Map<String, Golden> LOADED = new java.util.HashMap<>();

    static Golden load() {
        return load("golden/optim_golden.txt");
    }

    /** The float32 cases (make_optim_golden.py float32): the same format, torch.optim's float32 numbers. */
    static Golden loadFloat32() {
        return load("golden/optim_float32_golden.txt");
    }

    private static synchronized Golden load(String resource) {
        Golden g = LOADED.get(resource);
        if (g == null) {
            try (InputStream in = Golden.class.getResourceAsStream("/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is not on the test classpath");
                }
                g = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
                LOADED.put(resource, g);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return g;
    }

    private static Values values(String[] f, int from) {
        int[] shape = f[from].equals("-") ? new int[0]
                : Arrays.stream(f[from].split(",")).mapToInt(Integer::parseInt).toArray();
        double[] data = new double[f.length - from - 1];
        for (int i = 0; i < data.length; i++) {
            data[i] = Double.parseDouble(f[from + 1 + i]);
        }
        return new Values(shape, data);
    }

    private static Map<String, Values> step(List<Map<String, Values>> list, int k) {
        while (list.size() < k) {
            list.add(new LinkedHashMap<>());
        }
        return list.get(k - 1);
    }

    private static Golden parse(BufferedReader r) throws IOException {
        Golden g = new Golden();
        String line;
        String name = null;
        String optimizer = null;
        String scheduler = null;
        Map<String, Double> schedOptions = null;
        Map<String, String> schedWords = null;
        double[] metrics = null;
        double[] groupLrs = null;
        List<Group> groups = null;
        List<Map<String, Values>> after = null;
        Map<String, Map<String, Values>> state = null;
        List<double[]> lrs = null;
        while ((line = r.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split(" ");
            switch (f[0]) {
                case "input" -> g.inputs.put(f[1], values(f, 2));
                case "grad" -> step(g.grads, Integer.parseInt(f[1])).put(f[2], values(f, 3));
                case "nograd" -> step(g.grads, Integer.parseInt(f[1]));
                case "case" -> {
                    name = f[1];
                    optimizer = null;
                    scheduler = null;
                    metrics = null;
                    groups = new ArrayList<>();
                    after = new ArrayList<>();
                    state = new LinkedHashMap<>();
                    lrs = new ArrayList<>();
                }
                case "optimizer" -> optimizer = f[1];
                case "group" -> {
                    List<String> params = List.of(f[1].split(","));
                    Map<String, Double> opts = null;
                    if (!f[2].equals("defaults")) {
                        opts = new LinkedHashMap<>();
                        for (int i = 2; i < f.length; i++) {
                            String[] kv = f[i].split("=");
                            opts.put(kv[0], Double.parseDouble(kv[1]));
                        }
                    }
                    groups.add(new Group(params, opts));
                }
                case "param" -> step(after, Integer.parseInt(f[1])).put(f[2], values(f, 3));
                case "state" -> state.computeIfAbsent(f[1], k -> new LinkedHashMap<>()).put(f[2], values(f, 3));
                case "scheduler" -> {
                    scheduler = f[1];
                    schedOptions = new LinkedHashMap<>();
                    schedWords = new LinkedHashMap<>();
                    for (int i = 2; i < f.length; i++) {
                        String[] kv = f[i].split("=");
                        if (kv[1].matches("[-+0-9.eE]+")) {
                            schedOptions.put(kv[0], Double.parseDouble(kv[1]));
                        } else {
                            schedWords.put(kv[0], kv[1]);
                        }
                    }
                }
                case "metrics" -> metrics = Arrays.stream(f).skip(1).mapToDouble(Double::parseDouble).toArray();
                case "lrs" -> groupLrs = Arrays.stream(f).skip(1).mapToDouble(Double::parseDouble).toArray();
                case "lr" -> {
                    if (Integer.parseInt(f[1]) != lrs.size()) {
                        throw new IllegalStateException("epochs out of order in " + name);
                    }
                    lrs.add(Arrays.stream(f).skip(2).mapToDouble(Double::parseDouble).toArray());
                }
                case "end" -> {
                    if (optimizer != null) {
                        SchedCase sched = scheduler == null ? null
                                : new SchedCase(name, scheduler, schedOptions, schedWords, null, lrs, null);
                        g.optCases.add(new OptCase(name, optimizer, groups, after, state, sched, lrs));
                    } else {
                        g.schedCases.add(new SchedCase(name, scheduler, schedOptions, schedWords, groupLrs, lrs,
                                metrics));
                    }
                }
                default -> throw new IllegalStateException("golden file: unknown line " + line);
            }
        }
        return g;
    }
}

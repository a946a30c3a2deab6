package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.CrossEntropyLoss;
import jgrad.nn.Linear;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;
import jgrad.optim.Adam;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A whole small training run (5 epochs of 4 shuffled minibatches) against PyTorch: started from
 * the same weights with the same batches, every step's loss and the final weights match
 * (made by src/test/resources/golden/make_training_golden.py).
 */
class TrainingRunGoldenTest {
    private static final Map<String, Tensor> DATA = new LinkedHashMap<>();
    private static final Map<String, Tensor> INIT = new LinkedHashMap<>();
    private static final Map<String, Tensor> LOSSES = new LinkedHashMap<>();
    private static final Map<String, Tensor> FINAL = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        String text;
        try (InputStream in = TrainingRunGoldenTest.class.getResourceAsStream("/golden/training_golden.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ", 4);
            String[] dims = f[2].isEmpty() ? new String[0] : f[2].split(",");
            int[] shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = Integer.parseInt(dims[i]);
            }
            String[] vals = f.length > 3 ? f[3].trim().split(" ") : new String[0];
            double[] v = new double[vals.length];
            for (int i = 0; i < vals.length; i++) {
                v[i] = Double.parseDouble(vals[i]);
            }
            boolean ints = f[1].equals("y") || f[1].startsWith("perm");
            Tensor t = ints ? Tensor.wrap(v, DType.INT64, shape) : Tensor.of(v, shape);
            switch (f[0]) {
                case "data" -> DATA.put(f[1], t);
                case "init" -> INIT.put(f[1], t);
                case "losses" -> LOSSES.put(f[1], t);
                case "final" -> FINAL.put(f[1], t);
                default -> throw new IllegalStateException("unknown line kind " + f[0]);
            }
        }
    }

    private static void run(String name, Function<List<Tensor>, Optimizer> makeOptimizer) {
        Sequential model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
        model.loadStateDict(INIT);
        Optimizer opt = makeOptimizer.apply(model.parameters());
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Tensor X = DATA.get("X");
        Tensor y = DATA.get("y");
        double[] expected = LOSSES.get(name).toArray();
        int step = 0;
        double worst = 0;
        for (int e = 0; e < 5; e++) {
            int[] perm = DATA.get("perm" + e).toIntArray();
            for (int b = 0; b < 4; b++) {
                Tensor idx = Tensor.of(java.util.Arrays.copyOfRange(perm, b * 16, (b + 1) * 16));
                opt.zeroGrad();
                Tensor loss = criterion.forward(model.forward(X.indexSelect(idx)), y.indexSelect(idx));
                loss.backward();
                opt.step();
                worst = Math.max(worst, Math.abs(loss.item() - expected[step]));
                assertEquals(expected[step], loss.item(), 1e-9, name + " loss at step " + step);
                step++;
            }
        }
        assertEquals(expected.length, step);
        Map<String, Tensor> state = model.stateDict();
        for (var entry : state.entrySet()) {
            double[] got = entry.getValue().toArray();
            double[] want = FINAL.get(name + "." + entry.getKey()).toArray();
            for (int i = 0; i < got.length; i++) {
                worst = Math.max(worst, Math.abs(got[i] - want[i]));
                assertEquals(want[i], got[i], 1e-9, name + " final " + entry.getKey() + "[" + i + "]");
            }
        }
        assertTrue(worst < 1e-12, name + ": expected agreement far below 1e-9, worst difference " + worst);
    }

    @Test
    void sgdWithMomentumAndWeightDecayMatchesPyTorch() {
        run("sgd", ps -> SGD.builder(ps).lr(0.1).momentum(0.9).weightDecay(1e-4).build());
    }

    @Test
    void adamMatchesPyTorch() {
        run("adam", ps -> Adam.builder(ps).lr(0.01).build());
    }
}

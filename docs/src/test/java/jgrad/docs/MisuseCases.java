package jgrad.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.GradCheck;
import jgrad.data.CsvReader;
import jgrad.data.DataLoader;
import jgrad.data.IdxReader;
import jgrad.data.TensorDataset;
import jgrad.io.SafeTensors;
import jgrad.nn.BCEWithLogitsLoss;
import jgrad.nn.CrossEntropyLoss;
import jgrad.nn.Dropout;
import jgrad.nn.Linear;
import jgrad.nn.MSELoss;
import jgrad.nn.NLLLoss;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;
import jgrad.ops.LinAlg;
import jgrad.optim.Adam;
import jgrad.optim.SGD;
import jgrad.optim.StepLR;

/**
 * The misuse cases of the table in {@code docs/09-reliability.md}: each is a call that must
 * fail, the code shown in the table, and the fragments its message must contain (the op, the
 * shapes or the bad value).
 */
final class MisuseCases {
    /** A call that is expected to throw. */
    interface Call {
        /**
         * Makes the bad call.
         *
         * @throws Exception what the library throws
         */
        void run() throws Exception;
    }

    /**
     * One case.
     *
     * @param misuse what is wrong, in words
     * @param code the call as shown in the table
     * @param call the call itself
     * @param fragments what the message must contain
     */
    record Case(String misuse, String code, Call call, List<String> fragments) {}

    private final List<Case> cases = new ArrayList<>();

    private MisuseCases() {}

    private void add(String misuse, String code, Call call, String... fragments) {
        cases.add(new Case(misuse, code, call, List.of(fragments)));
    }

    private static Tensor z(int... shape) {
        return Tensor.zeros(shape);
    }

    private static Tensor w() {
        return Tensor.ones(2, 3).requiresGrad(true);
    }

    /** All cases, in table order. */
    static List<Case> all() {
        MisuseCases c = new MisuseCases();
        c.binaryOps();
        c.dimsAndIndices();
        c.losses();
        c.autograd();
        c.modulesAndOptimizers();
        c.loaders();
        c.dtypes();
        c.classDims();
        return c.cases;
    }

    private void binaryOps() {
        add("add: shapes that do not broadcast", "zeros(2, 3).add(zeros(4))",
                () -> z(2, 3).add(z(4)), "add", "[2, 3]", "[4]");
        add("sub: shapes that do not broadcast", "zeros(2, 3).sub(zeros(3, 2))",
                () -> z(2, 3).sub(z(3, 2)), "sub", "[2, 3]", "[3, 2]");
        add("mul: shapes that do not broadcast", "zeros(5).mul(zeros(4))",
                () -> z(5).mul(z(4)), "mul", "[5]", "[4]");
        add("div: shapes that do not broadcast", "zeros(2, 3).div(zeros(2, 1, 2))",
                () -> z(2, 3).div(z(2, 1, 2)), "div", "[2, 3]", "[2, 1, 2]");
        add("matmul: inner sizes differ", "zeros(2, 3).matmul(zeros(4, 5))",
                () -> z(2, 3).matmul(z(4, 5)), "matmul", "[2, 3]", "[4, 5]");
        add("matmul: vector of the wrong length", "zeros(2, 3).matmul(zeros(2))",
                () -> z(2, 3).matmul(z(2)), "matmul", "[2, 3]", "[2]");
        add("addmm: bias does not broadcast to the product", "LinAlg.addmm(zeros(5), zeros(2, 3), zeros(3, 4), false, false)",
                () -> LinAlg.addmm(z(5), z(2, 3), z(3, 4), false, false), "addmm", "[5]", "[2, 4]");
        add("addmm: inner sizes differ", "LinAlg.addmm(zeros(4), zeros(2, 3), zeros(2, 4), false, false)",
                () -> LinAlg.addmm(z(4), z(2, 3), z(2, 4), false, false), "addmm", "[2, 3]", "[2, 4]");
        add("gather: index with another number of dims", "zeros(2, 3).gather(1, Tensor.of(0, 1))",
                () -> z(2, 3).gather(1, Tensor.of(0, 1)), "gather", "[2, 3]", "[2]");
        add("gather: FLOAT64 index", "zeros(2, 3).gather(1, zeros(2, 1))",
                () -> z(2, 3).gather(1, z(2, 1)), "gather", "INT64", "FLOAT64");
        add("scatterAdd: src smaller than index", "zeros(2, 3).scatterAdd(1, idx, zeros(1, 1))  // idx (2, 2)",
                () -> z(2, 3).scatterAdd(1, Tensor.wrap(new double[] {0, 1, 2, 0}, DType.INT64, 2, 2), z(1, 1)),
                "scatterAdd", "[2, 2]", "[1, 1]");
        add("cat: sizes differ outside the cat dim", "Tensor.cat(List.of(zeros(2, 3), zeros(2, 4)), 0)",
                () -> Tensor.cat(List.of(z(2, 3), z(2, 4)), 0), "cat", "[2, 3]", "[2, 4]");
        add("cat: nothing to concatenate", "Tensor.cat(List.of(), 0)",
                () -> Tensor.cat(List.of(), 0), "cat", "empty");
    }

    private void dimsAndIndices() {
        add("sum over a dim that does not exist", "zeros(2, 3).sum(2, false)",
                () -> z(2, 3).sum(2, false), "sum", "dim 2", "[-2, 1]");
        add("softmax over a dim that does not exist", "zeros(2, 3).softmax(-3)",
                () -> z(2, 3).softmax(-3), "softmax", "dim -3", "[-2, 1]");
        add("reshape to another number of elements", "zeros(2, 3).reshape(4, 4)",
                () -> z(2, 3).reshape(4, 4), "reshape", "[4, 4]", "size 6");
        add("reshape with two -1", "zeros(2, 3).reshape(-1, -1)",
                () -> z(2, 3).reshape(-1, -1), "reshape", "-1");
        add("get: index out of range", "zeros(2, 3).get(2, 0)",
                () -> z(2, 3).get(2, 0), "get", "2", "[2, 3]");
        add("item of a tensor with more than one element", "zeros(2, 3).item()",
                () -> z(2, 3).item(), "item", "[2, 3]");
        add("t of a 3-D tensor", "zeros(2, 3, 4).t()",
                () -> z(2, 3, 4).t(), "t", "[2, 3, 4]");
        add("expand to an incompatible size", "zeros(2, 3).expand(4, 3)",
                () -> z(2, 3).expand(4, 3), "expand", "[2, 3]", "[4, 3]");
        add("gather: index out of range", "zeros(2, 3).gather(1, idx)  // idx [[0], [3]]",
                () -> z(2, 3).gather(1, Tensor.wrap(new double[] {0, 3}, DType.INT64, 2, 1)), "gather", "3");
        add("indexSelect: index out of range", "zeros(2, 3).indexSelect(Tensor.of(0, 5))",
                () -> z(2, 3).indexSelect(Tensor.of(0, 5)), "indexSelect", "5");
        add("data that does not fill the shape", "Tensor.of(new double[5], 2, 3)",
                () -> Tensor.of(new double[5], 2, 3), "5", "[2, 3]");
        add("negative size", "Tensor.zeros(2, -1)",
                () -> Tensor.zeros(2, -1), "-1");
        add("ragged rows", "Tensor.of(new double[][] {{1, 2}, {3}})",
                () -> Tensor.of(new double[][] {{1, 2}, {3}}), "ragged");
    }

    private void losses() {
        add("NLLLoss: FLOAT64 target", "new NLLLoss().forward(zeros(2, 3), zeros(2))",
                () -> new NLLLoss().forward(z(2, 3), z(2)), "NLLLoss", "FLOAT64");
        add("CrossEntropyLoss: probability target of the wrong shape", "new CrossEntropyLoss().forward(zeros(2, 3), zeros(2))",
                () -> new CrossEntropyLoss().forward(z(2, 3), z(2)), "CrossEntropyLoss", "[2, 3]", "[2]");
        add("CrossEntropyLoss: target out of range", "new CrossEntropyLoss().forward(zeros(2, 3), Tensor.of(0, 3))",
                () -> new CrossEntropyLoss().forward(z(2, 3), Tensor.of(0, 3)), "CrossEntropyLoss", "3");
        add("NLLLoss: negative target", "new NLLLoss().forward(zeros(2, 3), Tensor.of(0, -1))",
                () -> new NLLLoss().forward(z(2, 3), Tensor.of(0, -1)), "NLLLoss", "-1");
        add("CrossEntropyLoss: batch sizes differ", "new CrossEntropyLoss().forward(zeros(2, 3), Tensor.of(0, 1, 2))",
                () -> new CrossEntropyLoss().forward(z(2, 3), Tensor.of(0, 1, 2)), "CrossEntropyLoss", "[2, 3]", "[3]");
        add("CrossEntropyLoss: weight of the wrong length",
                "CrossEntropyLoss.builder().weight(ones(2)).build().forward(zeros(2, 3), Tensor.of(0, 1))",
                () -> CrossEntropyLoss.builder().weight(Tensor.ones(2)).build().forward(z(2, 3), Tensor.of(0, 1)),
                "CrossEntropyLoss", "[2]", "3");
        add("MSELoss: shapes that do not broadcast", "new MSELoss().forward(zeros(2, 3), zeros(4))",
                () -> new MSELoss().forward(z(2, 3), z(4)), "[2, 3]", "[4]");
        add("BCEWithLogitsLoss: target of another shape", "new BCEWithLogitsLoss().forward(zeros(2, 3), zeros(3, 2))",
                () -> new BCEWithLogitsLoss().forward(z(2, 3), z(3, 2)), "[2, 3]", "[3, 2]");
    }

    private void autograd() {
        add("backward twice without retainGraph", "y = w.mul(2).exp().sum(); y.backward(); y.backward()", () -> {
            Tensor y = w().mul(2).exp().sum();
            y.backward();
            y.backward();
        }, "backward", "retainGraph");
        add("backward on a non-scalar without a gradient", "w.mul(2).backward()",
                () -> w().mul(2).backward(), "backward", "[2, 3]");
        add("backward with a gradient of the wrong shape", "w.mul(2).backward(zeros(3, 2))",
                () -> w().mul(2).backward(z(3, 2)), "backward", "[3, 2]", "[2, 3]");
        add("in-place change of a saved tensor, then backward", "y = w.mul(c).sum(); c.fill(2); y.backward()", () -> {
            Tensor c = Tensor.ones(2, 3);
            Tensor y = w().mul(c).sum();
            c.fill(2);
            y.backward();
        }, "modified", "version");
        add("requiresGrad on INT64", "Tensor.of(1, 2).requiresGrad(true)",
                () -> Tensor.of(1, 2).requiresGrad(true), "requiresGrad", "INT64");
        add("requiresGrad(false) on a non-leaf", "w.mul(2).requiresGrad(false)",
                () -> w().mul(2).requiresGrad(false), "requiresGrad", "leaf");
        add("backward of a tensor that does not require grad", "zeros(2).sum().backward()",
                () -> z(2).sum().backward(), "backward", "grad");
    }

    private void dtypes() {
        add("requiresGrad on BOOL", "Tensor.of(1.0, 0.0).gt(0.5).requiresGrad(true)",
                () -> Tensor.of(1.0, 0.0).gt(0.5).requiresGrad(true), "requiresGrad", "BOOL");
        add("matmul: FLOAT32 with FLOAT64", "Tensor.ones(DType.FLOAT32, 2, 3).matmul(zeros(3, 4))",
                () -> Tensor.ones(DType.FLOAT32, 2, 3).matmul(z(3, 4)), "matmul", "FLOAT32", "FLOAT64");
        add("gradcheck of a FLOAT32 input", "GradCheck.gradcheck(in -> in[0].exp(), Tensor.ones(DType.FLOAT32, 2).requiresGrad(true))",
                () -> GradCheck.gradcheck(in -> in[0].exp(), Tensor.ones(DType.FLOAT32, 2).requiresGrad(true)),
                "gradcheck", "FLOAT32", "FLOAT64");
        add("setDefaultDtype to an integer type", "Tensor.setDefaultDtype(DType.INT64)",
                () -> Tensor.setDefaultDtype(DType.INT64), "setDefaultDtype", "INT64");
        add("in place: FLOAT32 values into an INT64 tensor", "Tensor.of(1, 2).addInPlace(Tensor.ones(DType.FLOAT32, 2))",
                () -> Tensor.of(1, 2).addInPlace(Tensor.ones(DType.FLOAT32, 2)), "addInPlace", "FLOAT32", "INT64");
        add("isclose of FLOAT32 and FLOAT64", "Tensor.ones(DType.FLOAT32, 2).isclose(Tensor.ones(2))",
                () -> Tensor.ones(DType.FLOAT32, 2).isclose(Tensor.ones(2)), "isclose", "FLOAT32", "FLOAT64");
        add("setGrad with another dtype", "Tensor.ones(DType.FLOAT32, 2).requiresGrad(true).setGrad(zeros(2))",
                () -> Tensor.ones(DType.FLOAT32, 2).requiresGrad(true).setGrad(z(2)), "setGrad", "FLOAT64", "FLOAT32");
    }

    private void classDims() {
        add("CrossEntropyLoss: classes in the last dim, (B, T, C) logits with (B, T) targets",
                "new CrossEntropyLoss().forward(zeros(2, 3, 5), zeros(INT64, 2, 3))",
                () -> new CrossEntropyLoss().forward(z(2, 3, 5), Tensor.zeros(DType.INT64, 2, 3)),
                "CrossEntropyLoss", "[2, 3, 5]", "[2, 3]", "dim 1", "view(6, 5)");
    }

    private void modulesAndOptimizers() {
        // Linear(0, 3) is legal, as in PyTorch: a zero-size layer.
        add("Linear with a negative size", "new Linear(-1, 3)", () -> new Linear(-1, 3), "Linear", "-1");
        add("Dropout probability above 1", "new Dropout(1.5)", () -> new Dropout(1.5), "Dropout", "1.5");
        add("Linear fed the wrong number of features", "new Linear(3, 2).forward(zeros(4, 5))",
                () -> new Linear(3, 2).forward(z(4, 5)), "[4, 5]", "3");
        add("Module.loadStateDict: missing key", "new Linear(3, 2).loadStateDict(Map.of(\"weight\", zeros(2, 3)))",
                () -> new Linear(3, 2).loadStateDict(Map.of("weight", z(2, 3))), "state dict for Linear", "Missing", "bias");
        add("Module.loadStateDict: unexpected key", "linear.loadStateDict(linear.stateDict() + \"extra\")", () -> {
            Linear l = new Linear(3, 2);
            Map<String, Tensor> s = new LinkedHashMap<>(l.stateDict());
            s.put("extra", z(1));
            l.loadStateDict(s);
        }, "state dict for Linear", "Unexpected", "extra");
        add("Module.loadStateDict: mis-shaped key", "new Sequential(new Linear(3, 2), new ReLU()).loadStateDict(weight (3, 2))", () -> {
            var m = new Sequential(new Linear(3, 2), new ReLU());
            Map<String, Tensor> s = new LinkedHashMap<>(m.stateDict());
            s.put("0.weight", z(3, 2));
            m.loadStateDict(s);
        }, "state dict for Sequential", "0.weight", "[3, 2]", "[2, 3]");
        add("SGD with lr NaN", "new SGD(params, Double.NaN)",
                () -> new SGD(new Linear(3, 2).parameters(), Double.NaN), "learning rate", "NaN");
        add("SGD with a negative lr", "new SGD(params, -0.1)",
                () -> new SGD(new Linear(3, 2).parameters(), -0.1), "learning rate", "-0.1");
        add("Adam with beta1 = 1", "Adam.builder(params).betas(1.0, 0.999).build()",
                () -> Adam.builder(new Linear(3, 2).parameters()).betas(1.0, 0.999).build(), "beta", "1.0");
        add("Optimizer.loadStateDict: mis-shaped and unexpected keys", "sgd.loadStateDict(lr (2), \"state.9.momentum_buffer\")", () -> {
            var sgd = SGD.builder(new Linear(3, 2).parameters()).lr(0.1).momentum(0.9).build();
            Map<String, Tensor> s = new LinkedHashMap<>(sgd.stateDict());
            s.put("param_groups.0.lr", z(2));
            s.put("state.9.momentum_buffer", z(2, 3));
            sgd.loadStateDict(s);
        }, "loadStateDict", "param_groups.0.lr", "state.9.momentum_buffer");
        add("StepLR with step size 0", "new StepLR(sgd, 0)",
                () -> new StepLR(new SGD(new Linear(3, 2).parameters(), 0.1), 0), "StepLR", "0");
        add("DataLoader with batch size 0", "new DataLoader(dataset, 0)",
                () -> new DataLoader(new TensorDataset(z(4, 2), Tensor.of(0, 1, 0, 1)), 0), "batch", "0");
    }

    private void loaders() {
        add("SafeTensors.load of a missing file", "SafeTensors.load(Path.of(\"missing/model.safetensors\"))",
                () -> SafeTensors.load(Path.of("missing/model.safetensors")), "missing/model.safetensors",
                "SafeTensors.load", "no such file");
        add("CsvReader on a missing file", "new CsvReader().read(Path.of(\"missing/train.csv\"))",
                () -> new CsvReader().read(Path.of("missing/train.csv")), "missing/train.csv", "CsvReader.read",
                "no such file");
        add("IdxReader on a missing file", "new IdxReader().readLabels(Path.of(\"missing/labels.idx\"))",
                () -> new IdxReader().readLabels(Path.of("missing/labels.idx")), "missing/labels.idx", "IdxReader",
                "no such file");
        add("SafeTensors.save with the reserved name", "SafeTensors.toBytes(Map.of(\"__metadata__\", zeros(1)), null)",
                () -> SafeTensors.toBytes(Map.of("__metadata__", z(1)), null), "__metadata__");
        add("CsvReader with a digit as delimiter", "CsvReader.builder().delimiter('1')",
                () -> CsvReader.builder().delimiter('1'), "delimiter", "1");
    }
}

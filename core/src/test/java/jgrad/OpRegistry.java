package jgrad;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import jgrad.ops.LinAlg;

/**
 * Every differentiable Tensor op with sample inputs (and {@link LinAlg#addmm}, Linear's fused
 * product, which has no Tensor method), PyTorch's OpInfo idea: parameterised
 * tests walk this list (gradcheck, gradgradcheck, errors), and {@code OpRegistryTest} fails
 * when a public Tensor method is neither registered here nor listed as not-an-op.
 */
public final class OpRegistry {
    /**
     * One op: the Tensor method it covers (its name when it has one overload, else its signature
     * such as {@code add(double)} or {@code sum(int,boolean)}), a label, the function, and sample
     * input makers.
     */
    public record OpInfo(String method, String label, Function<Tensor[], Tensor> f, int[][] shapes, Domain domain,
            List<ErrorInputs.ErrorInput> errorInputs) {
        /** An entry without bad inputs of its own (they go on the first entry of the method). */
        public OpInfo(String method, String label, Function<Tensor[], Tensor> f, int[][] shapes, Domain domain) {
            this(method, label, f, shapes, domain, List.of());
        }

        /** The name of the node the op's output records: its method's, capitalised, + "Backward", unless {@link #BACKWARD_NAMES} says otherwise. */
        public String backwardName() {
            String base = method.contains("(") ? method.substring(0, method.indexOf('(')) : method;
            return BACKWARD_NAMES.getOrDefault(label, Character.toUpperCase(base.charAt(0)) + base.substring(1)
                    + "Backward");
        }

        /** Fresh inputs (leaves requiring grad), seeded by the label. */
        public Tensor[] inputs() {
            SplittableRandom rng = new SplittableRandom(label.hashCode());
            Tensor[] in = new Tensor[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                Tensor t = Tensor.randn(rng, shapes[i]);
                double[] d = t.storage();
                for (int j = 0; j < d.length; j++) {
                    if (domain == Domain.POSITIVE) {
                        d[j] = 0.5 + Math.abs(d[j]);
                    } else if (domain == Domain.AWAY_FROM_ZERO) {
                        d[j] = (d[j] >= 0 ? 0.2 : -0.2) + d[j]; // keep kinks (0, ties) away
                    }
                }
                in[i] = t.requiresGrad(true);
            }
            return in;
        }

        /** The same inputs converted to {@code dtype} (FLOAT32: rounded), as leaves requiring grad. */
        public Tensor[] inputs(DType dtype) {
            Tensor[] in = inputs();
            for (int i = 0; i < in.length; i++) {
                in[i] = in[i].detach().to(dtype).requiresGrad(true);
            }
            return in;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Where sample values live. */
    public enum Domain { ANY, POSITIVE, AWAY_FROM_ZERO }

    /** Public Tensor methods returning Tensor that are not differentiable ops. */
    public static final List<String> NOT_OPS = List.of("argmax(int)", "to(DType)", "detach()", "copy()",
            "requiresGrad(boolean)", "grad()", "retainGrad()", "viewUnrecorded(int[])", "addInPlace(Tensor)",
            "addInPlace(Tensor,double)", "subInPlace(Tensor)", "mulInPlace(double)", "mulInPlace(Tensor)",
            "divInPlace(Tensor)", "copyFrom(Tensor)", "fill(double)", "zero()",
            // comparisons, logical ops, isclose: BOOL masks, not differentiable (GoldenMasksTest)
            "gt(Tensor)", "gt(double)", "lt(Tensor)", "lt(double)", "ge(Tensor)", "ge(double)", "le(Tensor)",
            "le(double)", "eq(Tensor)", "eq(double)", "ne(Tensor)", "ne(double)", "logicalNot()",
            "logicalAnd(Tensor)", "logicalOr(Tensor)", "isclose(Tensor)", "isclose(Tensor,double,double)");

    /**
     * Entries whose output's node is not named after the method: ops written with other ops
     * (the last one names the node) and names PyTorch spells differently.
     */
    static final Map<String, String> BACKWARD_NAMES = Map.ofEntries(Map.entry("clampMin", "ClampBackward"),
            Map.entry("clampMax", "ClampBackward"),
            Map.entry("clampMin 0-D", "ClampBackward"), Map.entry("matmul 2-D x 2-D", "MmBackward"),
            Map.entry("matmul a x a.t", "MmBackward"), Map.entry("matmul 2-D x 1-D", "ReshapeBackward"),
            Map.entry("matmul 1-D x 2-D", "ReshapeBackward"), Map.entry("matmul 1-D x 1-D", "ReshapeBackward"),
            Map.entry("flatten", "ReshapeBackward"), Map.entry("flatten 0-D", "ReshapeBackward"),
            Map.entry("split 2 reversed", "CatBackward"), Map.entry("split sizes reversed", "CatBackward"),
            Map.entry("chunk 3 of 5 reversed", "CatBackward"), Map.entry("chunk 4 of 6 second", "SplitBackward"),
            Map.entry("stack dim 0", "CatBackward"), Map.entry("stack dim -1", "CatBackward"),
            Map.entry("stack 0-D", "CatBackward"), Map.entry("logSumExp dim 1", "LogsumexpBackward"),
            Map.entry("logSumExp dim 0 keep", "LogsumexpBackward"),
            Map.entry("logSumExp 3-D middle", "LogsumexpBackward"),
            Map.entry("matmul 3-D x 3-D", "ReshapeBackward"), Map.entry("matmul batch broadcast", "ReshapeBackward"),
            Map.entry("matmul 3-D x 2-D", "ReshapeBackward"), Map.entry("matmul 3-D x 1-D", "ReshapeBackward"),
            Map.entry("matmul 1-D x 3-D", "ReshapeBackward"), Map.entry("matmul 2-D x 4-D", "ReshapeBackward"),
            Map.entry("conv2d 3x3", "ConvolutionBackward"), Map.entry("conv2d stride 2", "ConvolutionBackward"),
            Map.entry("conv2d padding 1", "ConvolutionBackward"), Map.entry("conv2d dilation 2", "ConvolutionBackward"),
            Map.entry("conv2d groups 2", "ConvolutionBackward"), Map.entry("conv2d no bias", "ConvolutionBackward"),
            Map.entry("conv2d unbatched", "ConvolutionBackward"), Map.entry("conv2d 1x1", "ConvolutionBackward"),
            Map.entry("conv2d non-square", "ConvolutionBackward"), Map.entry("conv2d all options", "ConvolutionBackward"));

    private static final Tensor IDX_ROWS = Tensor.of(2, 0, 1, 2);
    private static final Tensor COND_23 = Tensor.of(new double[] {1, 0, 0, 1, 1, 0}, 2, 3).to(DType.BOOL);
    private static final Tensor COND_21 = Tensor.of(0.0, 1.0).reshape(2, 1).to(DType.BOOL);
    private static final Tensor COND_0 = Tensor.scalar(1.0).to(DType.BOOL);
    private static final Tensor MASK_3 = Tensor.of(0.0, 1.0, 1.0).to(DType.BOOL);
    private static final Tensor MASK_CAUSAL = Tensor.ones(3, 3).triu(1).to(DType.BOOL);

    private OpRegistry() {}

    private static int[][] s(int[]... shapes) {
        return shapes;
    }

    private static int[] d(int... dims) {
        return dims;
    }

    /** The registry. */
    public static List<OpInfo> all() {
        List<OpInfo> ops = new ArrayList<>();
        Domain any = Domain.ANY;
        ops.add(new OpInfo("add(Tensor)", "add same shape", in -> in[0].add(in[1]), s(d(2, 3), d(2, 3)), any));
        ops.add(new OpInfo("add(Tensor)", "add broadcast row", in -> in[0].add(in[1]), s(d(2, 3), d(3)), any));
        ops.add(new OpInfo("add(Tensor)", "add broadcast both", in -> in[0].add(in[1]), s(d(2, 1), d(1, 3)), any));
        ops.add(new OpInfo("add(Tensor)", "add 0-D", in -> in[0].add(in[1]), s(d(), d(2, 3)), any));
        ops.add(new OpInfo("add(double)", "add scalar", in -> in[0].add(1.5), s(d(2, 3)), any));
        ops.add(new OpInfo("sub(Tensor)", "sub broadcast", in -> in[0].sub(in[1]), s(d(3, 1, 2), d(4, 1)), any));
        ops.add(new OpInfo("sub(double)", "sub scalar", in -> in[0].sub(0.7), s(d(3)), any));
        ops.add(new OpInfo("mul(Tensor)", "mul broadcast", in -> in[0].mul(in[1]), s(d(2, 3), d(2, 1)), any));
        ops.add(new OpInfo("mul(Tensor)", "mul same", in -> in[0].mul(in[1]), s(d(4), d(4)), any));
        ops.add(new OpInfo("mul(Tensor)", "mul self", in -> in[0].mul(in[0]), s(d(2, 2)), any));
        ops.add(new OpInfo("mul(double)", "mul scalar", in -> in[0].mul(-2.5), s(d(2, 3)), any));
        ops.add(new OpInfo("div(Tensor)", "div broadcast", in -> in[0].div(in[1]), s(d(2, 3), d(3)), Domain.POSITIVE));
        ops.add(new OpInfo("div(Tensor)", "div 0-D", in -> in[0].div(in[1]), s(d(2), d()), Domain.POSITIVE));
        ops.add(new OpInfo("div(double)", "div scalar", in -> in[0].div(3.0), s(d(2, 3)), any));
        ops.add(new OpInfo("neg", "neg", in -> in[0].neg(), s(d(2, 3)), any));
        ops.add(new OpInfo("pow", "pow 3", in -> in[0].pow(3), s(d(2, 3)), any));
        ops.add(new OpInfo("pow", "pow -0.5", in -> in[0].pow(-0.5), s(d(5)), Domain.POSITIVE));
        ops.add(new OpInfo("exp", "exp", in -> in[0].exp(), s(d(2, 3)), any));
        ops.add(new OpInfo("log", "log", in -> in[0].log(), s(d(2, 3)), Domain.POSITIVE));
        ops.add(new OpInfo("sqrt", "sqrt", in -> in[0].sqrt(), s(d(2, 3)), Domain.POSITIVE));
        ops.add(new OpInfo("abs", "abs", in -> in[0].abs(), s(d(2, 3)), Domain.AWAY_FROM_ZERO));
        ops.add(new OpInfo("relu", "relu", in -> in[0].relu(), s(d(2, 3)), Domain.AWAY_FROM_ZERO));
        ops.add(new OpInfo("sigmoid", "sigmoid", in -> in[0].sigmoid(), s(d(2, 3)), any));
        ops.add(new OpInfo("tanh", "tanh", in -> in[0].tanh(), s(d(2, 3)), any));
        ops.add(new OpInfo("sin", "sin", in -> in[0].sin(), s(d(2, 3)), any));
        ops.add(new OpInfo("cos", "cos", in -> in[0].cos(), s(d(2, 3)), any));
        ops.add(new OpInfo("log1p", "log1p", in -> in[0].log1p(), s(d(2, 3)), Domain.POSITIVE));
        ops.add(new OpInfo("expm1", "expm1", in -> in[0].expm1(), s(d(2, 3)), any));
        ops.add(new OpInfo("clamp(double,double)", "clamp", in -> in[0].clamp(-0.5, 0.5), s(d(3, 4)), any));
        ops.add(new OpInfo("clamp(Tensor,Tensor)", "clamp tensors", in -> in[0].clamp(in[1].sub(0.5), in[2].add(0.5)),
                s(d(2, 3), d(3), d(2, 1)), any));
        ops.add(new OpInfo("clamp(Tensor,Tensor)", "clamp tensor max only", in -> in[0].clamp(null, in[1]),
                s(d(2, 3), d(3)), any));
        ops.add(new OpInfo("clampMin", "clampMin", in -> in[0].clampMin(0.3), s(d(3, 4)), any));
        ops.add(new OpInfo("clampMax", "clampMax", in -> in[0].clampMax(-0.2), s(d(3, 4)), any));
        ops.add(new OpInfo("clampMin", "clampMin 0-D", in -> in[0].clampMin(0.3), s(d()), any));
        ops.add(new OpInfo("minimum", "minimum broadcast", in -> in[0].minimum(in[1]), s(d(2, 3), d(3)), any));
        ops.add(new OpInfo("minimum", "minimum self (ties)", in -> in[0].minimum(in[0]), s(d(2, 3)), any));
        ops.add(new OpInfo("maximum", "maximum broadcast", in -> in[0].maximum(in[1]), s(d(2, 1), d(1, 3)), any));
        ops.add(new OpInfo("maximum", "maximum self (ties)", in -> in[0].maximum(in[0]), s(d(2, 3)), any));
        ops.add(new OpInfo("maximum", "maximum 0-D", in -> in[0].maximum(in[1]), s(d(), d()), any));
        ops.add(new OpInfo("where", "where", in -> in[0].where(COND_23, in[1]), s(d(2, 3), d(2, 3)), any));
        ops.add(new OpInfo("where", "where broadcast", in -> Tensor.where(COND_21, in[0], in[1]), s(d(1, 3), d()),
                any));
        ops.add(new OpInfo("where", "where 0-D", in -> Tensor.where(COND_0, in[0], in[1]), s(d(), d()), any));
        ops.add(new OpInfo("matmul", "matmul 2-D x 2-D", in -> in[0].matmul(in[1]), s(d(3, 4), d(4, 2)), any));
        ops.add(new OpInfo("matmul", "matmul 2-D x 1-D", in -> in[0].matmul(in[1]), s(d(3, 4), d(4)), any));
        ops.add(new OpInfo("matmul", "matmul 1-D x 2-D", in -> in[0].matmul(in[1]), s(d(4), d(4, 2)), any));
        ops.add(new OpInfo("matmul", "matmul 1-D x 1-D", in -> in[0].matmul(in[1]), s(d(4), d(4)), any));
        ops.add(new OpInfo("matmul", "matmul a x a.t", in -> in[0].matmul(in[0].t()), s(d(3, 2)), any));
        ops.add(new OpInfo("matmul", "matmul 3-D x 3-D", in -> in[0].matmul(in[1]), s(d(2, 3, 4), d(2, 4, 2)), any));
        ops.add(new OpInfo("matmul", "matmul batch broadcast", in -> in[0].matmul(in[1]), s(d(2, 1, 3, 4),
                d(3, 4, 2)), any));
        ops.add(new OpInfo("matmul", "matmul 3-D x 2-D", in -> in[0].matmul(in[1]), s(d(2, 3, 4), d(4, 2)), any));
        ops.add(new OpInfo("matmul", "matmul 3-D x 1-D", in -> in[0].matmul(in[1]), s(d(2, 3, 4), d(4)), any));
        ops.add(new OpInfo("matmul", "matmul 1-D x 3-D", in -> in[0].matmul(in[1]), s(d(4), d(2, 4, 3)), any));
        ops.add(new OpInfo("matmul", "matmul 2-D x 4-D", in -> in[0].matmul(in[1]), s(d(3, 4), d(2, 1, 4, 2)), any));
        ops.add(new OpInfo("bmm", "bmm", in -> in[0].bmm(in[1]), s(d(2, 3, 4), d(2, 4, 2)), any));
        ops.add(new OpInfo("bmm", "bmm a x a.t", in -> in[0].bmm(in[0].transpose(1, 2)), s(d(3, 2, 3)), any));
        ops.add(new OpInfo("conv2d", "conv2d 3x3", in -> in[0].conv2d(in[1], in[2], d(1, 1), d(0, 0), d(1, 1), 1),
                s(d(2, 2, 5, 5), d(3, 2, 3, 3), d(3)), any));
        ops.add(new OpInfo("conv2d", "conv2d stride 2", in -> in[0].conv2d(in[1], in[2], d(2, 2), d(0, 0), d(1, 1),
                1), s(d(2, 2, 7, 7), d(3, 2, 3, 3), d(3)), any));
        ops.add(new OpInfo("conv2d", "conv2d padding 1", in -> in[0].conv2d(in[1], in[2], d(1), d(1), d(1), 1),
                s(d(1, 2, 4, 4), d(2, 2, 3, 3), d(2)), any));
        ops.add(new OpInfo("conv2d", "conv2d dilation 2", in -> in[0].conv2d(in[1], in[2], d(1), d(0), d(2), 1),
                s(d(1, 2, 7, 6), d(2, 2, 3, 3), d(2)), any));
        ops.add(new OpInfo("conv2d", "conv2d groups 2", in -> in[0].conv2d(in[1], in[2], d(1), d(0), d(1), 2),
                s(d(2, 4, 4, 4), d(6, 2, 3, 3), d(6)), any));
        ops.add(new OpInfo("conv2d", "conv2d no bias", in -> in[0].conv2d(in[1], null, d(1), d(0), d(1), 1),
                s(d(2, 3, 4, 4), d(2, 3, 2, 2)), any));
        ops.add(new OpInfo("conv2d", "conv2d unbatched", in -> in[0].conv2d(in[1], in[2], d(1), d(0), d(1), 1),
                s(d(2, 5, 5), d(3, 2, 3, 3), d(3)), any));
        ops.add(new OpInfo("conv2d", "conv2d 1x1", in -> in[0].conv2d(in[1], in[2], d(1), d(0), d(1), 1),
                s(d(2, 3, 3, 4), d(5, 3, 1, 1), d(5)), any));
        ops.add(new OpInfo("conv2d", "conv2d non-square", in -> in[0].conv2d(in[1], in[2], d(2, 1), d(1, 0), d(1, 1),
                1), s(d(1, 2, 6, 7), d(3, 2, 2, 3), d(3)), any));
        ops.add(new OpInfo("conv2d", "conv2d all options", in -> in[0].conv2d(in[1], in[2], d(2, 1), d(1, 2), d(1, 2),
                2), s(d(2, 4, 5, 4), d(4, 2, 2, 3), d(4)), any));
        ops.add(new OpInfo("addmm", "addmm", in -> LinAlg.addmm(in[0], in[1], in[2], false, false),
                s(d(4), d(3, 2), d(2, 4)), any));
        ops.add(new OpInfo("addmm", "addmm a.t", in -> LinAlg.addmm(in[0], in[1], in[2], true, false),
                s(d(4), d(2, 3), d(2, 4)), any));
        ops.add(new OpInfo("addmm", "addmm b.t", in -> LinAlg.addmm(in[0], in[1], in[2], false, true),
                s(d(4), d(3, 2), d(4, 2)), any));
        ops.add(new OpInfo("addmm", "addmm a.t b.t", in -> LinAlg.addmm(in[0], in[1], in[2], true, true),
                s(d(4), d(2, 3), d(4, 2)), any));
        ops.add(new OpInfo("t", "t", in -> in[0].t(), s(d(2, 3)), any));
        ops.add(new OpInfo("reshape", "reshape -1", in -> in[0].reshape(3, -1), s(d(2, 3)), any));
        ops.add(new OpInfo("reshape", "reshape to 0-D", in -> in[0].reshape(), s(d(1, 1)), any));
        ops.add(new OpInfo("view", "view -1", in -> in[0].view(-1, 2), s(d(2, 3)), any));
        ops.add(new OpInfo("view", "view of a view", in -> in[0].view(6).view(3, 2), s(d(2, 3)), any));
        ops.add(new OpInfo("flatten", "flatten", in -> in[0].flatten(), s(d(2, 3)), any));
        ops.add(new OpInfo("unsqueeze", "unsqueeze -1", in -> in[0].unsqueeze(-1), s(d(2, 3)), any));
        ops.add(new OpInfo("squeeze(int)", "squeeze 1", in -> in[0].squeeze(1), s(d(2, 1, 3)), any));
        ops.add(new OpInfo("expand", "expand", in -> in[0].expand(2, 3, 4), s(d(3, 1)), any));
        ops.add(new OpInfo("sumTo", "sumTo", in -> in[0].sumTo(3, 1), s(d(2, 3, 4)), any));
        addShapeOps(ops);
        ops.add(new OpInfo("sum()", "sum all", in -> in[0].sum(), s(d(2, 3)), any));
        ops.add(new OpInfo("sum()", "sum 0-D", in -> in[0].sum(), s(d()), any));
        ops.add(new OpInfo("sum(int,boolean)", "sum dim 1", in -> in[0].sum(1, false), s(d(2, 3, 2)), any));
        ops.add(new OpInfo("sum(int,boolean)", "sum dim -1 keep", in -> in[0].sum(-1, true), s(d(2, 3)), any));
        ops.add(new OpInfo("mean()", "mean all", in -> in[0].mean(), s(d(2, 3)), any));
        ops.add(new OpInfo("mean(int,boolean)", "mean dim 0", in -> in[0].mean(0, false), s(d(4, 3)), any));
        ops.add(new OpInfo("mean(int,boolean)", "mean dim -2 keep", in -> in[0].mean(-2, true), s(d(2, 3, 2)), any));
        ops.add(new OpInfo("max", "max dim 1", in -> in[0].max(1, false), s(d(3, 4)), any));
        ops.add(new OpInfo("max", "max dim 0 keep", in -> in[0].max(0, true), s(d(3, 4)), any));
        ops.add(new OpInfo("max", "max 1-D", in -> in[0].max(-1, false), s(d(5)), any));
        ops.add(new OpInfo("logSumExp", "logSumExp dim 1", in -> in[0].logSumExp(1, false), s(d(3, 4)), any));
        ops.add(new OpInfo("logSumExp", "logSumExp dim 0 keep", in -> in[0].logSumExp(0, true), s(d(3, 4)), any));
        ops.add(new OpInfo("logSumExp", "logSumExp 3-D middle", in -> in[0].logSumExp(-2, false), s(d(2, 3, 2)),
                any));
        ops.add(new OpInfo("softmax", "softmax dim 1", in -> in[0].softmax(1), s(d(3, 4)), any));
        ops.add(new OpInfo("softmax", "softmax dim 0", in -> in[0].softmax(0), s(d(3, 4)), any));
        ops.add(new OpInfo("softmax", "softmax 1-D", in -> in[0].softmax(-1), s(d(5)), any));
        ops.add(new OpInfo("logSoftmax", "logSoftmax dim -1", in -> in[0].logSoftmax(-1), s(d(3, 4)), any));
        ops.add(new OpInfo("logSoftmax", "logSoftmax 3-D dim 1", in -> in[0].logSoftmax(1), s(d(2, 3, 2)), any));
        ops.add(new OpInfo("gather", "gather dim 1", in -> in[0].gather(1, Tensor.of(new int[] {0, 2, 1, 1})
                .reshape(2, 2)), s(d(2, 3)), any));
        ops.add(new OpInfo("gather", "gather dim 0", in -> in[0].gather(0, Tensor.of(1, 0, 1).reshape(1, 3)),
                s(d(2, 3)), any));
        ops.add(new OpInfo("scatterAdd", "scatterAdd", in -> in[0].scatterAdd(1, Tensor.of(0, 0, 2, 1).reshape(2, 2),
                in[1]), s(d(2, 3), d(2, 2)), any));
        ops.add(new OpInfo("indexSelect(Tensor)", "indexSelect rows", in -> in[0].indexSelect(IDX_ROWS), s(d(3, 2)), any));
        ops.add(new OpInfo("cat", "cat dim 0", in -> Tensor.cat(List.of(in[0], in[1]), 0), s(d(2, 3), d(1, 3)), any));
        ops.add(new OpInfo("cat", "cat dim -1", in -> Tensor.cat(List.of(in[0], in[1]), -1), s(d(2, 1), d(2, 2)),
                any));
        addEdgeIndexing(ops);
        addIssue16(ops);
        OpRegistryPooling.add(ops);
        return withErrorInputs(ops);
    }

    /** Attaches each method's {@link ErrorInputs} to its first entry; fails on a method with no entry. */
    private static List<OpInfo> withErrorInputs(List<OpInfo> ops) {
        Map<String, List<ErrorInputs.ErrorInput>> errors = new java.util.HashMap<>(ErrorInputs.byMethod());
        for (int i = 0; i < ops.size(); i++) {
            OpInfo op = ops.get(i);
            List<ErrorInputs.ErrorInput> e = errors.remove(op.method());
            if (e != null) {
                ops.set(i, new OpInfo(op.method(), op.label(), op.f(), op.shapes(), op.domain(), e));
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("error inputs for methods with no registry entry: " + errors.keySet());
        }
        return ops;
    }

    /** Issue 17's PyTorch edge cases of expand and the shape ops, and issue 13's shape ops. */
    private static void addShapeOps(List<OpInfo> ops) {
        Domain any = Domain.ANY;
        ops.add(new OpInfo("expand", "expand -1 keeps sizes", in -> in[0].expand(-1, 5, -1), s(d(5, 1, 5)), any));
        ops.add(new OpInfo("expand", "expand -1 under a new dim", in -> in[0].expand(2, -1, 3), s(d(5, 1)), any));
        ops.add(new OpInfo("expand", "expand 0-D", in -> in[0].expand(2, 3), s(d()), any));
        ops.add(new OpInfo("squeeze()", "squeeze all", in -> in[0].squeeze(), s(d(1, 2, 1, 3)), any));
        ops.add(new OpInfo("squeeze()", "squeeze all to 0-D", in -> in[0].squeeze(), s(d(1, 1)), any));
        ops.add(new OpInfo("unsqueeze", "unsqueeze -3", in -> in[0].unsqueeze(-3), s(d(2, 3)), any));
        ops.add(new OpInfo("unsqueeze", "unsqueeze 0-D -1", in -> in[0].unsqueeze(-1), s(d()), any));
        ops.add(new OpInfo("flatten", "flatten 0-D", in -> in[0].flatten(), s(d()), any));
        ops.add(new OpInfo("transpose", "transpose 0 -1", in -> in[0].transpose(0, -1), s(d(2, 3, 4)), any));
        ops.add(new OpInfo("transpose", "transpose -1 -2", in -> in[0].transpose(-1, -2), s(d(3, 2)), any));
        ops.add(new OpInfo("permute", "permute 3-D", in -> in[0].permute(2, 0, 1), s(d(2, 3, 4)), any));
        ops.add(new OpInfo("permute", "permute negative dims", in -> in[0].permute(-1, 1, 0, -2), s(d(2, 3, 2, 2)),
                any));
        ops.add(new OpInfo("narrow", "narrow", in -> in[0].narrow(1, 1, 3), s(d(3, 5)), any));
        ops.add(new OpInfo("narrow", "narrow negative start", in -> in[0].narrow(0, -2, 2), s(d(4, 3)), any));
        ops.add(new OpInfo("select", "select -1", in -> in[0].select(1, -1), s(d(3, 4)), any));
        ops.add(new OpInfo("select", "select 1-D to 0-D", in -> in[0].select(0, 2), s(d(4)), any));
        ops.add(new OpInfo("slice", "slice step 2", in -> in[0].slice(1, 1, 6, 2), s(d(3, 7)), any));
        ops.add(new OpInfo("slice", "slice clamped negative", in -> in[0].slice(0, -100, -1, 3), s(d(5, 3)), any));
        ops.add(new OpInfo("slice", "slice to the end", in -> in[0].slice(-1, -3, Integer.MAX_VALUE, 1), s(d(2, 5)),
                any));
        ops.add(new OpInfo("split(int,int)", "split 2 reversed", in -> catReversed(in[0].split(2, 1), 1),
                s(d(2, 5)), any));
        ops.add(new OpInfo("split(int[],int)", "split sizes reversed",
                in -> catReversed(in[0].split(new int[] {1, 0, 3}, 0), 0), s(d(4, 2)), any));
        ops.add(new OpInfo("chunk", "chunk 3 of 5 reversed", in -> catReversed(in[0].chunk(3, -1), -1), s(d(2, 5)),
                any));
        ops.add(new OpInfo("chunk", "chunk 4 of 6 second", in -> in[0].chunk(4, 0).get(1), s(d(6)), any));
        ops.add(new OpInfo("stack", "stack dim 0", in -> Tensor.stack(List.of(in[0], in[1]), 0), s(d(2, 3), d(2, 3)),
                any));
        ops.add(new OpInfo("stack", "stack dim -1", in -> Tensor.stack(List.of(in[0], in[1], in[0]), -1),
                s(d(2, 3), d(2, 3)), any));
        ops.add(new OpInfo("stack", "stack 0-D", in -> Tensor.stack(List.of(in[0], in[1]), 0), s(d(), d()), any));
    }

    /** Issue 17's PyTorch edge cases of cat, gather and indexSelect, and indexSelect along any dim. */
    private static void addEdgeIndexing(List<OpInfo> ops) {
        Domain any = Domain.ANY;
        ops.add(new OpInfo("cat", "cat skips [0]", in -> Tensor.cat(List.of(in[0], in[1]), 1), s(d(0), d(5, 5)), any));
        ops.add(new OpInfo("cat", "cat skips [0] last", in -> Tensor.cat(List.of(in[0], in[1], in[2]), 0),
                s(d(2, 3), d(0), d(1, 3)), any));
        ops.add(new OpInfo("gather", "gather 0-D index [1]", in -> in[0].gather(0, Tensor.of(0)), s(d()), any));
        ops.add(new OpInfo("gather", "gather 0-D index [3]", in -> in[0].gather(-1, Tensor.of(0, 0, 0)), s(d()),
                any));
        ops.add(new OpInfo("gather", "gather 1-D 0-D index", in -> in[0].gather(0, Tensor.of(2).reshape()), s(d(3)),
                any));
        ops.add(new OpInfo("gather", "gather empty index", in -> in[0].gather(1, Tensor.zeros(0, 5, 7).to(DType.INT64)),
                s(d(2, 3)), any));
        ops.add(new OpInfo("indexSelect(int,Tensor)", "indexSelect 0-D", in -> in[0].indexSelect(0, Tensor.of(0)),
                s(d()), any));
        ops.add(new OpInfo("indexSelect(int,Tensor)", "indexSelect dim 1", in -> in[0].indexSelect(1,
                Tensor.of(3, 0, 3)), s(d(2, 4)), any));
        ops.add(new OpInfo("indexSelect(int,Tensor)", "indexSelect dim -1 0-D index",
                in -> in[0].indexSelect(-1, Tensor.of(2).reshape()), s(d(3, 4)), any));
    }

    /** Issue 16's ops: maskedFill, tril/triu, var/std, erf. */
    private static void addIssue16(List<OpInfo> ops) {
        Domain any = Domain.ANY;
        ops.add(new OpInfo("maskedFill", "maskedFill", in -> in[0].maskedFill(COND_23, 0.5), s(d(2, 3)), any));
        ops.add(new OpInfo("maskedFill", "maskedFill mask row", in -> in[0].maskedFill(MASK_3, -2.0), s(d(2, 3)), any));
        ops.add(new OpInfo("maskedFill", "maskedFill causal", in -> in[0].maskedFill(MASK_CAUSAL, -1e9), s(d(2, 3, 3)),
                any));
        ops.add(new OpInfo("maskedFill", "maskedFill input broadcast", in -> in[0].maskedFill(COND_21, 3.0), s(d(3)),
                any));
        ops.add(new OpInfo("maskedFill", "maskedFill 0-D mask", in -> in[0].maskedFill(COND_0, 1.0), s(d(2, 2)), any));
        ops.add(new OpInfo("tril", "tril", in -> in[0].tril(0), s(d(3, 4)), any));
        ops.add(new OpInfo("tril", "tril -1 batch", in -> in[0].tril(-1), s(d(2, 3, 4)), any));
        ops.add(new OpInfo("tril", "tril 2 wide", in -> in[0].tril(2), s(d(2, 5)), any));
        ops.add(new OpInfo("triu", "triu", in -> in[0].triu(0), s(d(4, 3)), any));
        ops.add(new OpInfo("triu", "triu 1 batch", in -> in[0].triu(1), s(d(2, 2, 3, 3)), any));
        ops.add(new OpInfo("triu", "triu -5 keeps all", in -> in[0].triu(-5), s(d(3, 2)), any));
        ops.add(new OpInfo("var()", "var all", in -> in[0].var(), s(d(2, 3)), any));
        ops.add(new OpInfo("var(int,boolean)", "var dim 1", in -> in[0].var(1, false), s(d(3, 4)), any));
        ops.add(new OpInfo("var(int,boolean)", "var dim -2 keep", in -> in[0].var(-2, true), s(d(2, 3, 2)), any));
        ops.add(new OpInfo("var(int,int,boolean)", "var correction 0", in -> in[0].var(-1, 0, false), s(d(2, 3, 4)),
                any));
        ops.add(new OpInfo("var(int,int,boolean)", "var correction 2 keep", in -> in[0].var(0, 2, true), s(d(5, 2)),
                any));
        ops.add(new OpInfo("std()", "std all", in -> in[0].std(), s(d(2, 3)), any));
        ops.add(new OpInfo("std(int,boolean)", "std dim 0", in -> in[0].std(0, false), s(d(4, 3)), any));
        ops.add(new OpInfo("std(int,boolean)", "std dim -1 keep", in -> in[0].std(-1, true), s(d(2, 3, 4)), any));
        ops.add(new OpInfo("std(int,int,boolean)", "std correction 0", in -> in[0].std(1, 0, false), s(d(3, 4)), any));
        ops.add(new OpInfo("erf", "erf", in -> in[0].erf(), s(d(2, 3)), any));
        ops.add(new OpInfo("erf", "erf wide", in -> in[0].mul(2.5).erf(), s(d(4, 5)), any));
    }

    /** The pieces joined in reverse order, so each piece's place and gradient are checked. */
    private static Tensor catReversed(List<Tensor> pieces, int dim) {
        List<Tensor> r = new ArrayList<>(pieces);
        java.util.Collections.reverse(r);
        return Tensor.cat(r, dim);
    }
}

/**
 * The ops, one file per family, each op's forward kernel next to its backward rule. Backward
 * rules are written with Tensor ops, so they can be differentiated again. Where a rule also has
 * a raw loop (the softmax family in {@code SoftmaxOps}), that loop is a named kernel call in
 * {@code jgrad.kernel} and the rule says in one place which runs: the Tensor ops while the
 * backward builds its own graph ({@code createGraph}), the kernel otherwise. {@code RowKernels}
 * holds no op: it passes {@code jgrad.kernel}'s row passes on to the fused losses of
 * {@code jgrad.nn}.
 *
 * <p>Adding an op: write it here, add its one-line method to {@code TensorOps}, {@code TensorCompareOps}, {@code TensorShapeOps} or
 * {@code TensorReductionOps} by kind (or a static
 * one to {@code TensorFactories}), and give it an entry in the test registry
 * ({@code core/src/test/java/jgrad/OpRegistry.java}) with sample shapes, mirrored in
 * {@code make_core_golden.py} for PyTorch's golden values. The registry drives gradcheck,
 * gradgradcheck and the golden tests; {@code OpRegistryTest} fails for any public Tensor method
 * returning a Tensor whose overload (its signature, e.g. {@code add(double)} beside
 * {@code add(Tensor)}) has neither a registry entry nor a place in the registry's list of
 * non-ops, and {@code GoldenOpsTest} fails for an entry without a golden case. Every entry also
 * runs in FLOAT32 ({@code OpRegistryFloat32Test}: FLOAT32 output and gradients, close to the
 * FLOAT64 run, backward rules that stay in FLOAT32), and {@code GoldenOpsFloat32Test} fails for
 * an entry without a float32 case ({@code make_core_golden_f32.py}, after
 * {@code make_core_golden.py}).
 */
package jgrad.ops;

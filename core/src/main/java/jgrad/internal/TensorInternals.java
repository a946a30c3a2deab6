package jgrad.internal;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Node;

/**
 * The engine's and the ops' entry to a tensor's autograd state and to its unchecked factory,
 * kept off {@link Tensor}'s public face (the role of PyTorch's {@code AutogradMeta} and of the
 * JDK's {@code SharedSecrets}). The package is not exported by the {@code jgrad.core} module
 * (only to {@code jgrad.optim}, whose optimizers bump a parameter's version), so user code on the
 * module path cannot reach it; on the class path it is public but not API and may change.
 *
 * <p>{@link Tensor} installs the one implementation when it is initialised.
 */
public final class TensorInternals {
    /** What {@link Tensor} gives this class: each method documented on the static that calls it. */
    public abstract static class Access {
        /** For the subclass in {@code jgrad}. */
        protected Access() {}

        /**
         * See {@link TensorInternals#accumulateGrad}.
         *
         * @param t the tensor
         * @param g the gradient
         * @param createGraph whether to record the sum
         */
        protected abstract void accumulateGrad(Tensor t, Tensor g, boolean createGraph);

        /**
         * See {@link TensorInternals#accumulateOwnedGrad}.
         *
         * @param t the tensor
         * @param g the gradient, in an array the caller gives up
         */
        protected abstract void accumulateOwnedGrad(Tensor t, Tensor g);

        /**
         * See {@link TensorInternals#attachGradFn}.
         *
         * @param t the op's output
         * @param node the node
         */
        protected abstract void attachGradFn(Tensor t, Node node);

        /**
         * See {@link TensorInternals#bumpVersion}.
         *
         * @param t the tensor
         */
        protected abstract void bumpVersion(Tensor t);

        /**
         * See {@link TensorInternals#wrap}.
         *
         * @param data the values
         * @param dtype the element type
         * @param shape the sizes
         * @return the tensor
         */
        protected abstract Tensor wrap(double[] data, DType dtype, int[] shape);

        /**
         * See {@link TensorInternals#wrapFloat}.
         *
         * @param data the values
         * @param shape the sizes
         * @return the tensor
         */
        protected abstract Tensor wrapFloat(float[] data, int[] shape);

        /**
         * See {@link TensorInternals#store}.
         *
         * @param t the tensor written
         * @param values its new values
         */
        protected abstract void store(Tensor t, double[] values);

        /**
         * See {@link TensorInternals#sameStorage}.
         *
         * @param a one tensor
         * @param b another
         * @return whether they share storage
         */
        protected abstract boolean sameStorage(Tensor a, Tensor b);
    }

    private static Access installed;

    private TensorInternals() {}

    /**
     * The implementation in a constant the JIT can fold (ops call {@link #wrap} on every
     * result). Initialised on first use: by then {@link Tensor} has installed it, or is made to
     * here (and a thread that arrives while another initialises Tensor waits for it to finish).
     */
    private static final class Holder {
        static final Access ACCESS = load();

        private static Access load() {
            try {
                Class.forName(Tensor.class.getName(), true, Tensor.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            synchronized (TensorInternals.class) {
                if (installed == null) { // only if used from Tensor's own static initialiser
                    throw new IllegalStateException("TensorInternals: used before Tensor installed it");
                }
                return installed;
            }
        }
    }

    /**
     * Installs {@link Tensor}'s implementation; only the first call succeeds.
     *
     * @param impl the implementation
     * @throws IllegalStateException if one is already installed
     */
    public static synchronized void install(Access impl) {
        if (installed != null) {
            throw new IllegalStateException("TensorInternals: already installed");
        }
        installed = impl;
    }

    private static Access access() {
        return Holder.ACCESS;
    }

    /**
     * Adds {@code g} into {@code t}'s {@code grad} (the engine delivering a leaf's gradient).
     *
     * @param t the tensor whose gradient grows
     * @param g the gradient to add, shaped like {@code t}
     * @param createGraph whether to add with recorded ops, so the sum can be differentiated again
     */
    public static void accumulateGrad(Tensor t, Tensor g, boolean createGraph) {
        access().accumulateGrad(t, g, createGraph);
    }

    /**
     * Like {@code accumulateGrad(t, g, false)} for a gradient whose array nothing else references
     * (a matrix product's result, a reduced broadcast): the first one becomes {@code t}'s
     * {@code grad} without being copied, as PyTorch's AccumulateGrad steals a gradient no one
     * else holds.
     *
     * @param t the tensor whose gradient grows
     * @param g the gradient, shaped like {@code t}, in an array the caller gives up
     */
    public static void accumulateOwnedGrad(Tensor t, Tensor g) {
        access().accumulateOwnedGrad(t, g);
    }

    /**
     * Makes {@code t} the output of {@code node} (the tape recording an op).
     *
     * @param t the op's freshly made output
     * @param node the recorded op
     * @throws IllegalStateException if {@code t} already has a node
     */
    public static void attachGradFn(Tensor t, Node node) {
        access().attachGradFn(t, node);
    }

    /**
     * Records one in-place modification of {@code t}'s storage (its version counter, shared by
     * the tensors that share the storage, goes up by one).
     *
     * @param t the tensor written in place
     */
    public static void bumpVersion(Tensor t) {
        access().bumpVersion(t);
    }

    /**
     * The factory for ops: wraps {@code data} and {@code shape} as they are, without copying or
     * checking. The caller guarantees {@code data.length == numel(shape)}, and neither array may
     * be modified afterwards (shape arrays are shared between tensors). Users call
     * {@link Tensor#of(double[], int...)} or {@link Tensor#wrap}.
     *
     * @param data row-major values, owned by the new tensor from now on
     * @param dtype the element type
     * @param shape the sizes, shared, never modified
     * @return a new tensor that does not require grad
     */
    public static Tensor wrap(double[] data, DType dtype, int... shape) {
        return access().wrap(data, dtype, shape);
    }

    /**
     * The FLOAT32 factory for ops: wraps {@code data} as it is (see {@link #wrap}).
     *
     * @param data row-major values, owned by the new tensor from now on
     * @param shape the sizes, shared, never modified
     * @return a new FLOAT32 tensor that does not require grad
     */
    public static Tensor wrapFloat(float[] data, int... shape) {
        return access().wrapFloat(data, shape);
    }

    /**
     * Writes {@code values} into {@code t}'s storage, rounded to float for FLOAT32: how an
     * in-place update computed on {@link Tensor#doubles()} lands. Nothing is copied when
     * {@code values} is the storage itself. Does not bump the version.
     *
     * @param t the tensor written in place
     * @param values {@code t.numel()} values
     */
    public static void store(Tensor t, double[] values) {
        access().store(t, values);
    }

    /**
     * Whether two tensors share one storage array.
     *
     * @param a one tensor
     * @param b another
     * @return true if writing one would change the other
     */
    public static boolean sameStorage(Tensor a, Tensor b) {
        return access().sameStorage(a, b);
    }
}

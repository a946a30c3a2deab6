package jgrad;

import jgrad.autograd.Node;
import jgrad.internal.TensorInternals;

/** {@link Tensor}'s side of {@link TensorInternals}: forwards to its package-private methods. */
final class TensorAccess extends TensorInternals.Access {
    @Override
    protected void accumulateGrad(Tensor t, Tensor g, boolean createGraph) {
        t.accumulateGrad(g, createGraph);
    }

    @Override
    protected void accumulateOwnedGrad(Tensor t, Tensor g) {
        t.accumulateOwnedGrad(g);
    }

    @Override
    protected void attachGradFn(Tensor t, Node node) {
        t.attachGradFn(node);
    }

    @Override
    protected void bumpVersion(Tensor t) {
        t.bumpVersion();
    }

    @Override
    protected Tensor wrap(double[] data, DType dtype, int[] shape) {
        return Tensor.create(data, shape, dtype, new int[1]);
    }

    @Override
    protected Tensor wrapFloat(float[] data, int[] shape) {
        return Tensor.createFloat(data, shape, new int[1]);
    }

    @Override
    protected void store(Tensor t, double[] values) {
        t.store(values);
    }

    @Override
    protected boolean sameStorage(Tensor a, Tensor b) {
        return a.data != null ? a.data == b.data : a.fdata == b.fdata;
    }
}

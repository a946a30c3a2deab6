package jgrad.examples;

import jgrad.Tensor;
import jgrad.autograd.Function;

/** Custom ops for the gradcheck demo: softplus log(1 + e^x), right and wrong. */
public final class CustomOps {
    private CustomOps() {}

    /** softplus(x) = log(1 + e^x), derivative sigmoid(x). */
    public static final class Softplus extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].exp().add(1.0).log();
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor g) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {g.mul(x.sigmoid())};
        }
    }

    /** The same forward with a typical mistake in backward: e^x / (1 + e^x) written as e^x. */
    public static final class WrongSoftplus extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].exp().add(1.0).log();
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor g) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {g.mul(x.exp())};
        }
    }
}

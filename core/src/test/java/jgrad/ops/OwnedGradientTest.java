package jgrad.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jgrad.Tensor;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;

/**
 * A matrix product's operand gradients become a leaf's {@code grad} without a copy. These are
 * the cases where that could go wrong if an array were shared: one leaf fed by two products, a
 * leaf used as both operands, two leaves fed by one product, accumulation across backward calls,
 * and gradients that are not products (the caller's own tensor), which must still be copied.
 */
class OwnedGradientTest {
    private static Tensor leaf(double[][] v) {
        return Tensor.of(v).requiresGrad(true);
    }

    private static final double[][] X = {{1, 2}, {3, 4}, {5, 6}};
    private static final double[][] W = {{0.5, -1}, {2, 0.25}};
    // d sum(X W) / dW = X^T 1: column sums of X, repeated over W's columns
    private static final double[] DW = {9, 9, 12, 12};

    @Test
    void oneLeafFedByTwoProductsGetsTheSum() {
        Tensor w = leaf(W);
        Tensor x = Tensor.of(X);
        x.matmul(w).add(x.matmul(w)).sum().backward();
        assertArrayEquals(new double[] {18, 18, 24, 24}, w.grad().toArray());
    }

    @Test
    void leafAsBothOperands() {
        Tensor a = leaf(W);
        a.matmul(a).sum().backward();
        // d sum(A A) / dA = 1 A^T + A^T 1, with 1 the 2x2 ones
        double[] want = new double[4];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                want[i * 2 + j] = (W[j][0] + W[j][1]) + (W[0][i] + W[1][i]);
            }
        }
        assertArrayEquals(want, a.grad().toArray());
    }

    @Test
    void twoLeavesOfOneProductHaveSeparateGradients() {
        Tensor x = leaf(X);
        Tensor w = leaf(W);
        x.matmul(w).sum().backward();
        assertNotSame(x.grad().storage(), w.grad().storage());
        double[] wGrad = w.grad().toArray();
        try (var s = Autograd.noGrad()) {
            x.grad().mulInPlace(0.0);
        }
        assertArrayEquals(wGrad, w.grad().toArray());
        assertArrayEquals(DW, wGrad);
    }

    @Test
    void secondBackwardAddsIntoTheFirstGradient() {
        Tensor w = leaf(W);
        Tensor y = Tensor.of(X).matmul(w).sum();
        y.backward(Tensor.scalar(1.0), true);
        Tensor first = w.grad();
        y.backward();
        assertArrayEquals(new double[] {18, 18, 24, 24}, w.grad().toArray());
        assertEquals(1, first.version(), "the second backward added into the first gradient in place");
    }

    @Test
    void gradientsThatAreNotProductsAreStillCopied() {
        // The caller's gradient reaches the bias (through a sum over rows) and, in y = x + w, the
        // leaf w unchanged: changing it afterwards must not change any grad.
        Tensor bias = Tensor.zeros(2).requiresGrad(true);
        Tensor w = leaf(W);
        Tensor g = Tensor.ones(3, 2);
        LinAlg.addmm(bias, Tensor.of(X), w, false, false).backward(g);
        Tensor v = leaf(W);
        Tensor gv = Tensor.ones(2, 2);
        v.add(Tensor.of(W)).backward(gv);
        try (var s = Autograd.noGrad()) {
            g.mulInPlace(5.0);
            gv.mulInPlace(5.0);
        }
        assertArrayEquals(new double[] {3, 3}, bias.grad().toArray());
        assertArrayEquals(DW, w.grad().toArray());
        assertArrayEquals(new double[] {1, 1, 1, 1}, v.grad().toArray());
    }

    @Test
    void onlyInputsThatExistCanBeDeclared() {
        Tensor y = leaf(W).matmul(Tensor.of(W));
        assertThrows(IllegalArgumentException.class, () -> y.gradFn().ownsGradients(2));
    }
}

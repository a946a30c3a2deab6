package jgrad;

/**
 * Child-JVM body of {@code MillionOpChainTest}: a chain of one million recorded multiplications
 * backpropagated in a small heap and a small thread stack. Prints the gradient and exits 0.
 */
public final class MillionOpChain {
    private MillionOpChain() {}

    /**
     * Builds the chain, runs backward, prints {@code grad <value> <value>}.
     *
     * @param args the chain length (default one million)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < n; i++) {
            y = y.mul(1.0000001);
        }
        y.sum().backward();
        System.out.println("grad " + x.grad().get(0) + " " + x.grad().get(1));
    }
}

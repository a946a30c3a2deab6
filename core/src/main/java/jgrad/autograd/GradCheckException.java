package jgrad.autograd;

/**
 * Thrown by {@link GradCheck} when the tape's gradient disagrees with the finite-difference
 * estimate. The message (and the getters) name the input, the element, the output element,
 * and both values.
 */
public class GradCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Index of the input among the function's arguments. */
    private final int input;
    /** Flat row-major index of the element within that input. */
    private final int element;
    /** Flat index of the output element. */
    private final int outputElement;
    /** The finite-difference derivative. */
    private final double numerical;
    /** The tape's derivative. */
    private final double analytical;

    /**
     * @param message the full report
     * @param input index of the input among the function's arguments
     * @param element flat (row-major) index of the element within that input
     * @param outputElement flat index of the output element
     * @param numerical the finite-difference derivative
     * @param analytical the tape's derivative
     */
    public GradCheckException(String message, int input, int element, int outputElement, double numerical,
            double analytical) {
        super(message);
        this.input = input;
        this.element = element;
        this.outputElement = outputElement;
        this.numerical = numerical;
        this.analytical = analytical;
    }

    /**
     * Index of the offending input among the function's arguments.
     *
     * @return the input's index
     */
    public int input() {
        return input;
    }

    /**
     * Flat row-major index of the element within that input.
     *
     * @return the element's index
     */
    public int element() {
        return element;
    }

    /**
     * Flat index of the output element whose derivative disagreed.
     *
     * @return the output element's index
     */
    public int outputElement() {
        return outputElement;
    }

    /**
     * The central-difference estimate.
     *
     * @return the numerical derivative
     */
    public double numerical() {
        return numerical;
    }

    /**
     * The tape's value.
     *
     * @return the analytical derivative
     */
    public double analytical() {
        return analytical;
    }
}

package jgrad.nn;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.internal.TensorInternals;
import jgrad.ops.RowKernels;

/**
 * The storage of a classification tensor (a FLOAT64 {@code double[]} or a FLOAT32
 * {@code float[]}, read directly, never widened as a whole) seen row by row as C contiguous
 * doubles, for the fused cross-entropy loops. {@link #row} points {@link #a} and {@link #off} at
 * row r: a FLOAT64 row of adjacent values (inner == 1) is the storage itself, written in place;
 * any other row (FLOAT32, or strided for (N, C, d1, ...)) is gathered into a scratch row of C
 * doubles, and {@link #write} scatters it back (rounded to float for FLOAT32).
 */
final class LogitRows {
    private final ClassLayout l;
    private final double[] d;
    private final float[] f;
    private final double[] scratch;
    /** The array holding the current row: the storage itself ({@link #inPlace()}) or the scratch row. */
    double[] a;
    /** The index of the current row's class 0 in {@link #a}; its class j is at {@code off + j}. */
    int off;

    private LogitRows(ClassLayout l, double[] d, float[] f) {
        this.l = l;
        this.d = d;
        this.f = f;
        this.scratch = f == null && l.inner == 1 ? null : new double[l.classes];
        this.a = scratch != null ? scratch : d;
    }

    /** The rows of {@code t} (FLOAT64 or FLOAT32), laid out as {@code l}. */
    static LogitRows of(Tensor t, ClassLayout l) {
        return t.dtype() == DType.FLOAT32 ? new LogitRows(l, null, t.floatStorage())
                : new LogitRows(l, t.doubles(), null);
    }

    /** New zero rows of {@code dtype} (FLOAT32 or FLOAT64), laid out as {@code l}. */
    static LogitRows fresh(DType dtype, ClassLayout l) {
        int n = l.rows() * l.classes;
        return dtype == DType.FLOAT32 ? new LogitRows(l, null, new float[n]) : new LogitRows(l, new double[n], null);
    }

    /** Whether rows are the storage itself (FLOAT64 with inner == 1). */
    boolean inPlace() {
        return scratch == null;
    }

    /**
     * Points {@link #a}/{@link #off} at row r, gathering it into the scratch row unless in place.
     *
     * @return this
     */
    LogitRows row(int r) {
        int base = l.base(r);
        if (scratch == null) {
            off = base;
            return this;
        }
        off = 0;
        int inner = l.inner;
        if (f != null && inner == 1) { // the common FLOAT32 case: vectorised on the Vector API path
            RowKernels.widen(f, base, scratch, scratch.length);
        } else if (f != null) {
            for (int j = 0; j < scratch.length; j++) {
                scratch[j] = f[base + j * inner];
            }
        } else {
            for (int j = 0; j < scratch.length; j++) {
                scratch[j] = d[base + j * inner];
            }
        }
        return this;
    }

    /**
     * Points {@link #a}/{@link #off} at row r for writing all of it (nothing gathered).
     *
     * @return this
     */
    LogitRows rowToWrite(int r) {
        off = scratch == null ? l.base(r) : 0;
        return this;
    }

    /** Stores the scratch row as row r (nothing to do in place). */
    void write(int r) {
        if (scratch == null) {
            return;
        }
        int base = l.base(r);
        int inner = l.inner;
        if (f != null && inner == 1) {
            RowKernels.narrow(scratch, f, base, scratch.length);
        } else if (f != null) {
            for (int j = 0; j < scratch.length; j++) {
                f[base + j * inner] = (float) scratch[j];
            }
        } else {
            for (int j = 0; j < scratch.length; j++) {
                d[base + j * inner] = scratch[j];
            }
        }
    }

    /** The storage as a tensor of the layout's shape (not a copy: these rows must not be used afterwards). */
    Tensor tensor() {
        return f != null ? TensorInternals.wrapFloat(f, l.shape) : Tensor.wrap(d, DType.FLOAT64, l.shape);
    }
}

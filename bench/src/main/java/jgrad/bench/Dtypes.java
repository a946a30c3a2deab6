package jgrad.bench;

import java.util.Locale;
import jgrad.DType;

/** The benchmarks' {@code dtype} parameter ("float64", "float32") as a {@link DType}. */
final class Dtypes {
    private Dtypes() {}

    /**
     * The dtype a {@code @Param dtype} value names.
     *
     * @param param "float64" or "float32" (any case)
     * @return {@link DType#FLOAT64} or {@link DType#FLOAT32}
     */
    static DType of(String param) {
        return DType.valueOf(param.toUpperCase(Locale.ROOT));
    }
}

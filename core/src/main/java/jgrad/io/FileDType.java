package jgrad.io;

import java.util.Set;
import jgrad.DType;

/**
 * The safetensors element types jgrad reads, with their byte sizes and the jgrad dtype each is
 * loaded as. F64 loads as {@link DType#FLOAT64}; F32, F16 and BF16 as {@link DType#FLOAT32} (as
 * PyTorch's loaders give float32 for half types only when asked; jgrad has no half type), integer types as
 * {@link DType#INT64}, BOOL as {@link DType#BOOL}; every conversion is exact (or the load fails, see {@link SafeTensorsReader}).
 */
enum FileDType {
    F64(8, DType.FLOAT64),
    F32(4, DType.FLOAT32),
    F16(2, DType.FLOAT32),
    BF16(2, DType.FLOAT32),
    I64(8, DType.INT64),
    I32(4, DType.INT64),
    I16(2, DType.INT64),
    I8(1, DType.INT64),
    U8(1, DType.INT64),
    BOOL(1, DType.BOOL);

    /** Dtypes the safetensors format defines that jgrad does not read (named in errors). */
    static final Set<String> KNOWN_UNSUPPORTED = Set.of(
            "U16", "U32", "U64", "C64", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2");

    /** The list written in error messages. */
    static final String SUPPORTED = "F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL";

    final int size;
    final DType target;

    FileDType(int size, DType target) {
        this.size = size;
        this.target = target;
    }

    /** The dtype called {@code name} in a header, or {@code null}. */
    static FileDType byName(String name) {
        for (FileDType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The file dtype jgrad writes for a tensor of {@code dtype}. */
    static FileDType forWriting(DType dtype) {
        return switch (dtype) {
            case FLOAT64 -> F64;
            case FLOAT32 -> F32;
            case INT64 -> I64;
            case BOOL -> BOOL;
        };
    }
}

package jgrad;

import java.util.List;
import jgrad.OpRegistry.Domain;
import jgrad.OpRegistry.OpInfo;

/**
 * Issue 16's 2-D pooling entries of {@link OpRegistry} (max, average, adaptive average), mirrored
 * label for label by the POOLING table of {@code make_core_golden.py}: overlapping windows,
 * strides, padding, dilation, ceil mode, padding left out of the divisor, non-divisible adaptive
 * sizes, unbatched inputs.
 */
final class OpRegistryPooling {
    private OpRegistryPooling() {}

    private static int[] d(int... dims) {
        return dims;
    }

    private static int[][] s(int[]... shapes) {
        return shapes;
    }

    /** Appends the pooling entries. */
    static void add(List<OpInfo> ops) {
        Domain any = Domain.ANY;
        ops.add(new OpInfo("maxPool2d", "maxPool2d 2", in -> in[0].maxPool2d(d(2), null, d(0), d(1), false),
                s(d(1, 2, 4, 4)), any));
        ops.add(new OpInfo("maxPool2d", "maxPool2d 3 stride 1", in -> in[0].maxPool2d(d(3), d(1), d(0), d(1), false),
                s(d(1, 1, 5, 5)), any));
        ops.add(new OpInfo("maxPool2d", "maxPool2d 3 stride 2 padding 1", in -> in[0].maxPool2d(d(3), d(2), d(1), d(1),
                false), s(d(2, 1, 5, 5)), any));
        ops.add(new OpInfo("maxPool2d", "maxPool2d dilation 2", in -> in[0].maxPool2d(d(2), d(1), d(0), d(2), false),
                s(d(1, 1, 5, 5)), any));
        ops.add(new OpInfo("maxPool2d", "maxPool2d ceilMode", in -> in[0].maxPool2d(d(2), d(2), d(0), d(1), true),
                s(d(1, 1, 5, 5)), any));
        ops.add(new OpInfo("maxPool2d", "maxPool2d (2,3) (1,2) (1,0) (2,1) ceilMode", in -> in[0].maxPool2d(d(2, 3),
                d(1, 2), d(1, 0), d(2, 1), true), s(d(1, 2, 5, 6)), any));
        ops.add(new OpInfo("maxPool2d", "maxPool2d unbatched", in -> in[0].maxPool2d(d(2), d(), d(0), d(1), false),
                s(d(2, 4, 4)), any));
        ops.add(new OpInfo("avgPool2d", "avgPool2d 2", in -> in[0].avgPool2d(d(2), null, d(0), false, true),
                s(d(1, 2, 4, 4)), any));
        ops.add(new OpInfo("avgPool2d", "avgPool2d 3 stride 1", in -> in[0].avgPool2d(d(3), d(1), d(0), false, true),
                s(d(1, 1, 5, 5)), any));
        ops.add(new OpInfo("avgPool2d", "avgPool2d 3 stride 2 padding 1", in -> in[0].avgPool2d(d(3), d(2), d(1), false,
                true), s(d(2, 1, 5, 5)), any));
        ops.add(new OpInfo("avgPool2d", "avgPool2d padding 1 countIncludePad false", in -> in[0].avgPool2d(d(3), d(2),
                d(1), false, false), s(d(1, 2, 5, 5)), any));
        ops.add(new OpInfo("avgPool2d", "avgPool2d ceilMode", in -> in[0].avgPool2d(d(2), d(2), d(0), true, true),
                s(d(1, 1, 5, 5)), any));
        ops.add(new OpInfo("avgPool2d", "avgPool2d 3 stride 2 padding 1 ceilMode", in -> in[0].avgPool2d(d(3), d(2),
                d(1), true, true), s(d(1, 1, 4, 4)), any));
        ops.add(new OpInfo("avgPool2d", "avgPool2d (2,3) (1,2) (1,1) unbatched", in -> in[0].avgPool2d(d(2, 3),
                d(1, 2), d(1, 1), false, false), s(d(2, 4, 5)), any));
        ops.add(new OpInfo("adaptiveAvgPool2d", "adaptiveAvgPool2d 5 to 3", in -> in[0].adaptiveAvgPool2d(d(3)),
                s(d(1, 2, 5, 5)), any));
        ops.add(new OpInfo("adaptiveAvgPool2d", "adaptiveAvgPool2d (7,5) to (3,2)",
                in -> in[0].adaptiveAvgPool2d(d(3, 2)), s(d(1, 1, 7, 5)), any));
        ops.add(new OpInfo("adaptiveAvgPool2d", "adaptiveAvgPool2d global", in -> in[0].adaptiveAvgPool2d(d(1)),
                s(d(2, 3, 3, 4)), any));
        ops.add(new OpInfo("adaptiveAvgPool2d", "adaptiveAvgPool2d (2,3) up to (3,5)",
                in -> in[0].adaptiveAvgPool2d(d(3, 5)), s(d(1, 1, 2, 3)), any));
        ops.add(new OpInfo("adaptiveAvgPool2d", "adaptiveAvgPool2d unbatched", in -> in[0].adaptiveAvgPool2d(d(2, 3)),
                s(d(2, 5, 4)), any));
    }
}

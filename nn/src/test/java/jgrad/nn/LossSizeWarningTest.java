package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jgrad.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Elementwise targets of another size: MSELoss computes the broadcast loss and logs PyTorch's
 * warning (logger {@code jgrad}) once per instance, mseLoss once per calling line; BCEWithLogits
 * rejects the mismatch, as PyTorch.
 */
class LossSizeWarningTest {
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger logger = Logger.getLogger("jgrad");

    @BeforeEach
    void capture() {
        logger.addHandler(handler);
    }

    @AfterEach
    void release() {
        logger.removeHandler(handler);
    }

    private static final Tensor INPUT = Tensor.of(new double[] {1, 2, 3, 4}, 4, 1);
    private static final Tensor TARGET = Tensor.of(1.0, 2.0, 3.0, 5.0);

    @Test
    void mseWarnsOncePerInstanceAndStillBroadcastsAsPyTorch() {
        MSELoss loss = new MSELoss();
        Tensor v = loss.forward(INPUT, TARGET);
        // PyTorch: F.mse_loss(input (4,1), target (4)) broadcasts to 4x4: mean of (i - j)^2 terms
        double want = 0;
        for (double a : INPUT.toArray()) {
            for (double b : TARGET.toArray()) {
                want += (a - b) * (a - b) / 16;
            }
        }
        assertEquals(want, v.item(), 1e-15);
        loss.forward(INPUT, TARGET);
        assertEquals(1, records.size(), "once per loss instance");
        String msg = records.get(0).getMessage();
        assertTrue(msg.contains("MSELoss") && msg.contains("target size [4]") && msg.contains("input size [4, 1]")
                && msg.contains("broadcasting"), msg);
        new MSELoss().forward(INPUT, TARGET);
        assertEquals(2, records.size(), "a new instance warns again");
        new MSELoss().forward(INPUT, Tensor.of(new double[] {1, 2, 3, 4}, 4, 1));
        assertEquals(2, records.size(), "same sizes do not warn");
    }

    @Test
    void functionalMseWarnsOncePerCallSite() {
        for (int i = 0; i < 3; i++) {
            Functional.mseLoss(INPUT, TARGET);
        }
        assertEquals(1, records.size(), "one line, three calls");
        Functional.mseLoss(INPUT, TARGET, Reduction.SUM);
        assertEquals(2, records.size(), "another line");
        assertTrue(records.get(1).getMessage().startsWith("mseLoss:"), records.get(1).getMessage());
    }

    @Test
    void bceWithLogitsRejectsASizeMismatch() {
        for (Tensor target : List.of(TARGET, Tensor.of(new double[] {0, 1, 1, 0}, 1, 4))) {
            var e = assertThrows(IllegalArgumentException.class, () -> new BCEWithLogitsLoss().forward(INPUT, target));
            assertTrue(e.getMessage().contains("BCEWithLogitsLoss") && e.getMessage().contains("must be the same as "
                    + "input size [4, 1]"), e.getMessage());
        }
        assertArrayEquals(new int[0], new BCEWithLogitsLoss().forward(INPUT, INPUT.mul(0.0)).shape());
        assertEquals(0, records.size());
    }
}

package jgrad.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/** Each problem StateDictCheck finds, in both message styles. */
class StateDictCheckTest {
    private static Map<String, Tensor> dict() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", Tensor.zeros(2, 3));
        m.put("lr", Tensor.scalar(0.1));
        return m;
    }

    @Test
    void aGoodDictPassesAndReturnsTheTensors() {
        Map<String, Tensor> m = dict();
        StateDictCheck c = StateDictCheck.of("X.loadStateDict", m);
        assertSame(m.get("w"), c.require("w", new int[] {2, 3}, DType.FLOAT64, true));
        assertSame(m.get("lr"), c.require("lr", StateDictCheck.scalar(), DType.FLOAT64, true));
        assertNull(c.optional("absent", StateDictCheck.scalar(), DType.FLOAT64, false));
        c.rejectUnclaimed();
        assertFalse(c.failed());
        c.throwIfFailed();
    }

    @Test
    void nullMapNamesTheOwner() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateDictCheck.of("SGD.loadStateDict", null));
        assertEquals("SGD.loadStateDict: the state dict is null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StateDictCheck.of("Linear", null, StateDictCheck.Style.PYTORCH));
        assertTrue(e.getMessage().startsWith("Error(s) in loading state dict for Linear"), e.getMessage());
    }

    @Test
    void everyKindOfProblemIsListedTogether() {
        Map<String, Tensor> m = new HashMap<>(dict());
        m.put("w", Tensor.zeros(3));
        m.put("n", null);
        m.put("i", Tensor.of(1, 2));
        m.put("nan", Tensor.of(1.0, Double.NaN));
        m.put("extra", Tensor.zeros(1));
        m.put(null, Tensor.zeros(1));
        StateDictCheck c = StateDictCheck.of("SGD.loadStateDict", m);
        assertNull(c.require("w", new int[] {2, 3}, DType.FLOAT64, false));
        assertNull(c.require("n", new int[] {2}, DType.FLOAT64, false));
        assertNull(c.require("i", new int[] {2}, DType.FLOAT64, false));
        assertNull(c.require("nan", new int[] {2}, DType.FLOAT64, true));
        assertNull(c.require("gone", StateDictCheck.scalar(), DType.FLOAT64, false));
        c.claim("lr");
        c.invalid("lr: too big");
        c.rejectUnclaimed();
        String msg = assertThrows(IllegalArgumentException.class, c::throwIfFailed).getMessage();
        assertTrue(msg.startsWith("SGD.loadStateDict: missing keys [gone]; unexpected keys ["), msg);
        assertTrue(msg.contains("extra") && msg.contains("null"), msg);
        assertTrue(msg.contains("w (expected [2, 3], got [3])"), msg);
        assertTrue(msg.contains("n (null)"), msg);
        assertTrue(msg.contains("i (expected FLOAT64, got INT64)"), msg);
        assertTrue(msg.contains("invalid values [nan: NaN at flat index 1 (must be finite), lr: too big]"), msg);
    }

    @Test
    void anyDtypeWhenNoneIsAsked() {
        Map<String, Tensor> m = Map.of("i", Tensor.of(1, 2));
        StateDictCheck c = StateDictCheck.of("M", m);
        assertSame(m.get("i"), c.require("i", new int[] {2}, null, true));
        assertFalse(c.failed());
    }

    @Test
    void pytorchStyleUsesModuleWording() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("0.weight", Tensor.zeros(3, 2));
        m.put("extra", Tensor.zeros(1));
        StateDictCheck c = StateDictCheck.of("Sequential", m, StateDictCheck.Style.PYTORCH);
        c.require("0.weight", new int[] {10, 2}, null, false);
        c.require("0.bias", new int[] {10}, null, false);
        c.rejectUnclaimed();
        String msg = assertThrows(IllegalArgumentException.class, c::throwIfFailed).getMessage();
        assertEquals("Error(s) in loading state dict for Sequential:"
                + "\n\tMissing key(s) in state dict: \"0.bias\"."
                + "\n\tUnexpected key(s) in state dict: \"extra\"."
                + "\n\tsize mismatch for 0.weight: copying a param with shape [3, 2] from the state dict,"
                + " the shape in the current model is [10, 2].", msg);
    }
}

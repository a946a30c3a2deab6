package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.io.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules in FLOAT32: {@link Module#to(DType)}, parameters following the default dtype, state
 * dicts and safetensors across dtypes, the dtype errors of Linear and the losses.
 */
class Float32ModuleTest {
    /** A module with a FLOAT parameter frozen, a floating buffer and an INT64 one. */
    static final class Stats extends Module {
        Stats() {
            registerParameter("scale", Tensor.of(1.0, 2.0));
            registerParameter("frozen", Tensor.of(3.0)).requiresGrad(false);
            registerBuffer("running", Tensor.of(0.5, 0.25));
            registerBuffer("count", Tensor.wrap(new double[] {7}, DType.INT64));
        }

        @Override
        public Tensor forward(Tensor input) {
            return input.mul(parameter("scale")).add(buffer("running"));
        }
    }

    @Test
    void toConvertsParametersAndFloatingBuffersKeepingRequiresGradAndGrads() {
        Stats m = new Stats();
        Tensor oldScale = m.namedParameters().get("scale");
        Tensor count = m.namedBuffers().get("count");
        oldScale.setGrad(Tensor.of(0.1, 0.2));
        assertSame(m, m.to(DType.FLOAT32));
        Tensor scale = m.namedParameters().get("scale");
        assertNotSame(oldScale, scale);
        assertEquals(DType.FLOAT32, scale.dtype());
        assertTrue(scale.requiresGrad() && scale.isLeaf());
        assertFalse(m.namedParameters().get("frozen").requiresGrad());
        assertEquals(DType.FLOAT32, scale.grad().dtype());
        assertArrayEquals(new double[] {(float) 0.1, (float) 0.2}, scale.grad().toArray());
        assertEquals(DType.FLOAT32, m.namedBuffers().get("running").dtype());
        assertSame(count, m.namedBuffers().get("count"), "INT64 buffers are left alone, as in PyTorch");
        assertEquals(DType.FLOAT64, oldScale.dtype(), "the old tensor is not changed");
        // forward reads the converted tensors
        Tensor y = m.forward(Tensor.of(new double[] {1, 1}, DType.FLOAT32, 2));
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(new double[] {1.5, 2.25}, y.toArray());
        // already of that dtype: the same tensors
        m.to(DType.FLOAT32);
        assertSame(scale, m.namedParameters().get("scale"));
        // and back
        m.to(DType.FLOAT64);
        assertEquals(DType.FLOAT64, m.namedParameters().get("scale").dtype());
        assertArrayEquals(new double[] {1, 2}, m.namedParameters().get("scale").toArray());
    }

    @Test
    void toKeepsSharedParametersSharedAndLinearSeesTheNewOnes() {
        Linear a = new Linear(3, 2);
        Linear b = new Linear(a.weight(), null);
        Sequential s = new Sequential(a, b);
        assertEquals(2, s.parameters().size());
        s.to(DType.FLOAT32);
        assertSame(a.weight(), b.weight(), "a shared weight stays shared");
        assertEquals(DType.FLOAT32, a.weight().dtype());
        assertEquals(DType.FLOAT32, a.bias().dtype());
        assertNull(b.bias());
        assertEquals(2, s.parameters().size());
        assertSame(a.weight(), s.parameters().get(0));
        assertEquals("Linear(in_features=3, out_features=2, bias=False)", b.toString());
    }

    @Test
    void toRejectsNonFloatingDtypes() {
        Linear l = new Linear(2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.to(DType.INT64));
        assertTrue(e.getMessage().contains("INT64") && e.getMessage().contains("Linear"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> l.to(null));
    }

    @Test
    void aFloat32LinearRefusesFloat64InputNamingTheLayerAndBothDtypes() {
        Sequential model = new Sequential(new Linear(2, 3), new ReLU());
        model.to(DType.FLOAT32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(Tensor.zeros(DType.FLOAT64, 4, 2)));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("Linear:") && msg.contains("FLOAT64") && msg.contains("FLOAT32")
                && msg.contains("must have the same dtype"), msg);
        // the converted model runs FLOAT32 input
        Tensor y = model.forward(Tensor.ones(DType.FLOAT32, 4, 2));
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(new int[] {4, 3}, y.shape());
    }

    @Test
    void newModulesFollowTheDefaultDtype() {
        Tensor.setDefaultDtype(DType.FLOAT32);
        try {
            Sequential model = new Sequential(new Linear(2, 10), new ReLU(), new Linear(10, 2));
            for (Tensor p : model.parameters()) {
                assertEquals(DType.FLOAT32, p.dtype());
                assertTrue(p.requiresGrad());
            }
            Tensor loss = new CrossEntropyLoss().forward(model.forward(Tensor.of(1.0, 2.0).reshape(1, 2)),
                    Tensor.of(1));
            loss.backward();
            for (Tensor p : model.parameters()) {
                assertEquals(DType.FLOAT32, p.grad().dtype());
            }
        } finally {
            Tensor.setDefaultDtype(DType.FLOAT64);
        }
        assertEquals(DType.FLOAT64, new Linear(2, 2).weight().dtype());
    }

    @Test
    void stateDictKeepsFloat32AndLoadingConvertsLikeCopy() {
        Linear f32 = new Linear(3, 2);
        f32.to(DType.FLOAT32);
        Map<String, Tensor> sd = f32.stateDict();
        assertEquals(DType.FLOAT32, sd.get("weight").dtype());
        // FLOAT64 values into the FLOAT32 module: converted in place, the tensors stay
        Linear f64 = new Linear(3, 2);
        Tensor w = f32.weight();
        f32.loadStateDict(f64.stateDict());
        assertSame(w, f32.weight());
        assertEquals(DType.FLOAT32, f32.weight().dtype());
        double[] want = f64.weight().toArray();
        double[] got = f32.weight().toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals((float) want[i], got[i]);
        }
        // and FLOAT32 values into a FLOAT64 module
        f64.loadStateDict(sd);
        assertEquals(DType.FLOAT64, f64.weight().dtype());
    }

    @Test
    void aFloat32ModuleRoundTripsThroughSafetensorsAsF32(@TempDir Path dir) throws IOException {
        Sequential model = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 2));
        model.to(DType.FLOAT32);
        Path file = dir.resolve("model.safetensors");
        SafeTensors.save(model.stateDict(), file);
        for (SafeTensors.TensorInfo info : SafeTensors.readHeader(file).tensors()) {
            assertEquals("F32", info.dtype(), info.name());
        }
        assertEquals(8 + SafeTensors.readHeader(file).headerLength() + 4L * model.numParameters(), Files.size(file));
        Sequential back = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 2));
        back.to(DType.FLOAT32);
        back.loadStateDict(SafeTensors.load(file));
        Tensor x = Tensor.of(new double[] {0.5, -1, 2, 3}, DType.FLOAT32, 2, 2);
        assertArrayEquals(model.forward(x).toArray(), back.forward(x).toArray());
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toArray(), back.stateDict().get(e.getKey()).toArray(), e.getKey());
        }
    }

    @Test
    void registerParameterAcceptsFloat32AndRefusesIntegers() {
        Module m = new Module() {
            final Tensor w = registerParameter("w", Tensor.zeros(DType.FLOAT32, 2));

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        };
        assertTrue(m.parameters().get(0).requiresGrad());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Module() {
            final Tensor i = registerParameter("i", Tensor.of(1, 2));

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        });
        assertTrue(e.getMessage().contains("'i'") && e.getMessage().contains("INT64"), e.getMessage());
    }
}

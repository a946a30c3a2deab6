package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.data.Split;
import jgrad.data.Standardizer;
import jgrad.data.TensorDataset;
import jgrad.nn.CrossEntropyLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dtype}: training in FLOAT32 (the default) and FLOAT64, and what a bad value says. */
class DtypeCliTest {
    /** The digits split as the CLI makes it (seed 0). */
    private static Split<TensorDataset> digits() {
        Split<TensorDataset> split = Split.trainTest(BundledData.digits(), 0.2, 0);
        Standardizer std = Standardizer.fit(split.train().inputs());
        return new Split<>(std.transform(split.train()), std.transform(split.test()));
    }

    private static Trainer.Result train(Split<TensorDataset> data, DType dtype) throws Exception {
        Trainer.Config cfg = new Trainer.Config(5, 32, 0.05, 0.9, "sgd", new int[] {32}, 0, null, null, null, true,
                dtype);
        return Trainer.run("digits", data.train(), data.test(), 10, cfg, new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8));
    }

    @Test
    void eachDtypeTrainsAndKeepsParametersAndLossInIt() throws Exception {
        Split<TensorDataset> data = digits();
        double[][] losses = new double[2][];
        DType[] dtypes = {DType.FLOAT32, DType.FLOAT64};
        for (int k = 0; k < 2; k++) {
            DType d = dtypes[k];
            Trainer.Result r = train(data, d);
            assertEquals(DType.FLOAT64, Tensor.getDefaultDtype(), "the default dtype after a " + d + " run");
            r.model().parameters().forEach(p -> assertEquals(d, p.dtype(), "a parameter of the " + d + " run"));
            // The loss as the run computes it: with the run's dtype as the default dtype.
            Tensor.setDefaultDtype(d);
            try (var s = Autograd.noGrad()) {
                Tensor logits = r.model().forward(data.test().inputs().to(d));
                assertEquals(d, logits.dtype());
                assertEquals(d, new CrossEntropyLoss().forward(logits, data.test().targets()).dtype(), "the loss");
            } finally {
                Tensor.setDefaultDtype(DType.FLOAT64);
            }
            losses[k] = r.trainLoss().stream().mapToDouble(Double::doubleValue).toArray();
            assertTrue(losses[k][4] < losses[k][0] / 5, d + " train loss " + losses[k][0] + " -> " + losses[k][4]);
            assertTrue(r.finalAccuracy() > 0.93, d + " accuracy " + r.finalAccuracy());
        }
        // The same initial weights (rounded to float) and batches: the curves agree to float32's precision
        // at first, and are not the same numbers (the FLOAT32 run really computed in float).
        assertEquals(losses[1][0], losses[0][0], 1e-4 * losses[1][0], "first epoch's train loss, float32 vs float64");
        assertNotEquals(losses[1][0], losses[0][0]);
    }

    @Test
    void theHeaderNamesTheDtypeAndFloat32IsTheDefault(@TempDir Path dir) {
        String plot = dir.resolve("c.png").toString();
        CliTest.Run byDefault = CliTest.run("--epochs", "1", "--hidden", "16", "digits", "--plot", plot);
        assertEquals(0, byDefault.status(), byDefault.out());
        assertTrue(byDefault.out().contains(", seed 0, dtype float32" + System.lineSeparator()), byDefault.out());
        CliTest.Run f64 = CliTest.run("digits", "--epochs", "1", "--hidden", "16", "--dtype", "float64", "--plot",
                plot);
        assertEquals(0, f64.status(), f64.out());
        assertTrue(f64.out().contains(", seed 0, dtype float64" + System.lineSeparator()), f64.out());
        CliTest.Run upper = CliTest.run("fashion", "--epochs", "0", "--hidden", "8", "--dtype", "FLOAT64", "--plot",
                plot);
        assertEquals(0, upper.status(), upper.out());
        assertTrue(upper.out().contains("dtype float64"), "the value is not case-sensitive: " + upper.out());
    }

    @Test
    void aBadDtypeNamesTheOptionAndTheAllowedValues() {
        for (String[] args : new String[][] {{"digits", "--dtype", "float16"}, {"fashion", "--dtype", "int64"},
            {"--dtype", "double"}}) {
            CliUsabilityTest.Run r = CliUsabilityTest.run(args);
            assertEquals(2, r.status(), r.all());
            String command = args[0].startsWith("--") ? "digits" : args[0];
            assertEquals("jgrad: " + command + ": --dtype must be float32 or float64, got " + args[args.length - 1],
                    r.err().strip(), r.all());
            assertFalse(r.out().contains("epoch"), "it trained first: " + r.out());
        }
        CliUsabilityTest.Run seed = CliUsabilityTest.run("--dtype", "float64", "seed");
        assertEquals(2, seed.status(), seed.all());
        assertTrue(seed.err().contains("--dtype (before 'seed') is not an option of 'seed'"), seed.err());
    }
}

package jgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * EJML is an optional dependency: jgrad's classes, loaded where EJML is not on the class path,
 * train and print as usual, and {@code toSimpleMatrix()} says what is missing.
 */
class WithoutEjmlTest {
    /** Runs in the loader without EJML: a small training step and the toSimpleMatrix error. */
    public static final class Probe implements Supplier<String> {
        @Override
        public String get() {
            Tensor.manualSeed(0);
            Tensor w = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
            Tensor loss = w.matmul(Tensor.of(new double[][] {{1}, {1}})).pow(2).sum();
            loss.backward();
            String result = loss.item() + " " + w.grad();
            try {
                w.detach().toSimpleMatrix();
                return result + " | no error";
            } catch (IllegalStateException e) {
                return result + " | " + e.getMessage();
            }
        }
    }

    @Test
    void tensorWorksWithoutEjmlAndToSimpleMatrixSaysWhatIsMissing() throws Exception {
        URL classes = Tensor.class.getProtectionDomain().getCodeSource().getLocation();
        URL testClasses = Probe.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader noEjml = new URLClassLoader(new URL[] {classes, testClasses},
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName("org.ejml.simple.SimpleMatrix", false,
                    noEjml));
            Class<?> probe = Class.forName(Probe.class.getName(), true, noEjml);
            assertEquals(noEjml, probe.getClassLoader());
            assertEquals(noEjml, Class.forName(Tensor.class.getName(), false, noEjml).getClassLoader(),
                    "Tensor comes from the loader without EJML");
            @SuppressWarnings("unchecked")
            Supplier<String> run = (Supplier<String>) probe.getDeclaredConstructor().newInstance();
            assertEquals("58.0 tensor([[ 6.,  6.],\n        [14., 14.]]) | toSimpleMatrix: needs EJML "
                    + "(org.ejml:ejml-simple) on the class path; it is an optional dependency of jgrad-core, so add "
                    + "it to your build", run.get());
        }
        // with EJML (this test's class path) the same call works
        assertEquals(2, Tensor.of(new double[][] {{1, 2}, {3, 4}}).toSimpleMatrix().getNumRows());
    }
}

package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The team runs every chunk exactly once, passes failures on, and never deadlocks. */
class GemmTeamTest {
    @Test
    void everyChunkRunsExactlyOnce() {
        GemmTeam team = new GemmTeam(3);
        for (int job = 0; job < 200; job++) {
            int count = 1 + job % 37;
            AtomicIntegerArray runs = new AtomicIntegerArray(count);
            team.run(count, runs::incrementAndGet);
            for (int i = 0; i < count; i++) {
                assertEquals(1, runs.get(i), "job " + job + " chunk " + i);
            }
        }
    }

    @Test
    void aFailingChunkIsRethrownAfterTheOthersFinish() {
        GemmTeam team = new GemmTeam(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(16);
        IllegalStateException boom = new IllegalStateException("chunk 5");
        IllegalStateException got = assertThrows(IllegalStateException.class, () -> team.run(16, i -> {
            runs.incrementAndGet(i);
            if (i == 5) {
                throw boom;
            }
        }));
        assertSame(boom, got);
        for (int i = 0; i < 16; i++) {
            assertEquals(1, runs.get(i), "chunk " + i);
        }
        // The team still works afterwards.
        AtomicIntegerArray again = new AtomicIntegerArray(4);
        team.run(4, again::incrementAndGet);
        assertEquals(4, again.get(0) + again.get(1) + again.get(2) + again.get(3));
    }

    @Test
    void concurrentCallersEachGetAllTheirChunks() {
        GemmTeam team = new GemmTeam(2);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int callers = 3;
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread[] ts = new Thread[callers];
            for (int t = 0; t < callers; t++) {
                ts[t] = new Thread(() -> {
                    try {
                        go.await();
                        for (int job = 0; job < 2000; job++) {
                            int count = 1 + job % 9;
                            AtomicIntegerArray runs = new AtomicIntegerArray(count);
                            team.run(count, runs::incrementAndGet);
                            for (int i = 0; i < count; i++) {
                                if (runs.get(i) != 1) {
                                    throw new AssertionError("chunk " + i + " ran " + runs.get(i) + " times");
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                ts[t].start();
            }
            go.countDown();
            for (Thread t : ts) {
                t.join();
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
        });
    }

    @Test
    void helpersThatHaveParkedWakeForTheNextJob() throws InterruptedException {
        GemmTeam team = new GemmTeam(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(8);
        team.run(8, runs::incrementAndGet);
        Thread.sleep(50); // well past SPIN_NANOS: the helper parks
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int job = 0; job < 100; job++) {
                AtomicIntegerArray r = new AtomicIntegerArray(8);
                team.run(8, r::incrementAndGet);
                for (int i = 0; i < 8; i++) {
                    assertEquals(1, r.get(i));
                }
                if (job % 10 == 0) {
                    Thread.sleep(1);
                }
            }
        });
    }
}

package io.edgeaudit.report;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.FlowSink;
import io.edgeaudit.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WriterThreadTest {
    private static Flow flow(int n) {
        return new Flow("F" + n, 17, IpAddress.parse("203.0.113.10"), 1024 + n % 60_000,
                IpAddress.parse("198.51.100.21"), 3478, 0, 0, 0, null, null, true, 0, 1_000_000_000L * n);
    }

    @Test
    void everyFlowReachesTheWriterInOrderByClose() throws Exception {
        List<String> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        FlowSink writer = f -> {
            seen.add(f.uid());
            threads.add(Thread.currentThread());
        };
        int n = WriterThread.BATCH * WriterThread.QUEUED_BATCHES * 3 + 17; // many full batches and a partial one
        WriterThread t = new WriterThread(writer, "test-writer");
        for (int i = 1; i <= n; i++) {
            t.flowEnded(flow(i));
        }
        t.close();
        assertEquals(n, seen.size());
        for (int i = 1; i <= n; i++) {
            assertEquals("F" + i, seen.get(i - 1));
        }
        assertTrue(threads.stream().allMatch(th -> th.getName().equals("test-writer")), "written on the writer thread");
    }

    @Test
    void csvThroughTheThreadIsTheSameAsWrittenDirectly() throws Exception {
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        ByteArrayOutputStream threaded = new ByteArrayOutputStream();
        try (FlowCsvWriter d = new FlowCsvWriter(direct); FlowCsvWriter w = new FlowCsvWriter(threaded)) {
            WriterThread t = new WriterThread(w, "csv");
            for (int i = 1; i <= 1000; i++) {
                d.flowEnded(flow(i));
                t.flowEnded(flow(i));
            }
            t.close();
        }
        assertEquals(direct.toString(StandardCharsets.UTF_8), threaded.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWriteFailureSurfacesOnTheCallersThreadAndLaterFlowsAreNotWritten() throws Exception {
        List<String> seen = new ArrayList<>();
        FlowSink writer = f -> {
            if (f.uid().equals("F10")) {
                throw new UncheckedIOException(new IOException("No space left on device"));
            }
            seen.add(f.uid());
        };
        WriterThread t = new WriterThread(writer, "failing");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            for (int i = 1; i <= 100_000; i++) {
                t.flowEnded(flow(i)); // the failure shows up here once the thread has met it
            }
            t.close();
        });
        assertEquals("No space left on device", e.getCause().getMessage());
        assertEquals(9, seen.size(), "nothing after the failed flow is written");
        UncheckedIOException again = assertThrows(UncheckedIOException.class, t::close);
        assertEquals("No space left on device", again.getCause().getMessage());
    }

    @Test
    void closeWaitsForAWriterThatIsStillBusy() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<String> seen = new ArrayList<>();
        FlowSink slow = f -> {
            started.countDown();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (seen) {
                seen.add(f.uid());
            }
        };
        WriterThread t = new WriterThread(slow, "slow");
        for (int i = 1; i <= 3; i++) {
            t.flowEnded(flow(i));
        }
        t.close(); // hands over the partial batch and returns only when all three are written
        assertTrue(started.await(0, TimeUnit.SECONDS));
        synchronized (seen) {
            assertEquals(List.of("F1", "F2", "F3"), seen);
        }
        assertThrows(IllegalStateException.class, () -> t.flowEnded(flow(4)));
    }
}

package io.edgeaudit.report;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.FlowSink;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands ended flows to another {@link FlowSink} on a thread of its own, in order, the way Zeek's
 * logging framework gives each log writer a thread: formatting and writing rows then overlap with
 * reading and dissecting the capture instead of following each flow on the same core.
 *
 * <p>Flows go over in batches of {@link #BATCH} through a queue of {@link #QUEUED_BATCHES}, so at
 * most that many flows wait (memory stays bounded however fast the capture is read) and the two
 * threads meet once per batch, not once per flow. A flow handed over is never changed again (the
 * flow table's contract), and the queue orders the hand-over, so the writer sees it whole.
 *
 * <p>Failures keep their meaning: when the writer fails (a full disk: {@link UncheckedIOException},
 * or anything else), later flows are dropped, and the failure is thrown on the caller's thread by
 * the next {@link #flowEnded} or by {@link #close()}, as the writer itself would have thrown it.
 * {@link #close()} hands over the last batch and waits until everything before it was written;
 * it does not close the writer.
 */
public final class WriterThread implements FlowSink, Closeable {
    static final int BATCH = 256;
    static final int QUEUED_BATCHES = 8;
    private static final Flow[] END = new Flow[0];

    private final FlowSink writer;
    private final BlockingQueue<Flow[]> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread thread;
    private Flow[] batch = new Flow[BATCH];
    private int size;
    private boolean closed;
    /** What the writer threw; written by the writer thread before it takes the next batch. */
    private volatile Throwable failure;

    /** Starts the thread, named {@code name}. */
    public WriterThread(FlowSink writer, String name) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.thread = new Thread(this::drain, name);
        thread.setDaemon(true); // never keeps the JVM up on its own; close() is what waits for it
        thread.start();
    }

    @Override
    public void flowEnded(Flow flow) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        rethrow();
        batch[size++] = flow;
        if (size == BATCH) {
            handOver(batch);
            batch = new Flow[BATCH];
            size = 0;
        }
    }

    /**
     * Hands over the flows not yet handed over and waits for the writer to finish them; then throws
     * what the writer threw, if anything.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (size > 0) {
            handOver(java.util.Arrays.copyOf(batch, size));
        }
        batch = null;
        handOver(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the flow writer finished");
        }
        rethrow();
    }

    private void handOver(Flow[] flows) {
        try {
            queue.put(flows);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while handing flows to the writer"));
        }
    }

    private void rethrow() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    private void drain() {
        try {
            while (true) {
                Flow[] flows = queue.take();
                if (flows == END) {
                    return;
                }
                if (failure != null) {
                    continue; // keep taking, so the caller never waits on a full queue
                }
                try {
                    for (Flow f : flows) {
                        if (f == null) {
                            break;
                        }
                        writer.flowEnded(f);
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }
        } catch (InterruptedException e) {
            failure = new UncheckedIOException(new InterruptedIOException("flow writer interrupted"));
        }
    }
}

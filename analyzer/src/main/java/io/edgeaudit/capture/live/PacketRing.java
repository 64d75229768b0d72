package io.edgeaudit.capture.live;

import java.util.concurrent.locks.LockSupport;

/**
 * A bounded single-producer single-consumer queue of captured frames between libpcap's callback
 * thread and the pipeline thread. Slots are parallel arrays filled in place, so the ring itself
 * allocates nothing per frame; the frame bytes are the array pcap4j handed to the callback, passed
 * on by reference (pcap4j 1.8's {@code RawPacketListener} allocates one per frame, see {@link LiveSource}).
 *
 * <p>A full ring blocks the producer rather than dropping: the backlog then stays in libpcap's kernel
 * buffer, and whatever is finally lost is counted by the kernel in {@code ps_drop}, one number for the
 * user instead of two.
 */
final class PacketRing {
    private final int mask;
    private final byte[][] data;
    private final long[] timestamps;
    private final int[] originalLengths;

    /** Next slot the consumer reads; written by the consumer only. */
    private volatile long head;
    /** Next slot the producer writes; written by the producer only. */
    private volatile long tail;
    private volatile Thread parkedConsumer;
    private volatile Thread parkedProducer;
    private volatile boolean closed;

    /** @param capacity a power of two, at least 2 */
    PacketRing(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity " + capacity + " (expected: a power of two, at least 2)");
        }
        mask = capacity - 1;
        data = new byte[capacity][];
        timestamps = new long[capacity];
        originalLengths = new int[capacity];
    }

    int capacity() {
        return mask + 1;
    }

    /**
     * Producer: appends a frame, waiting while the ring is full.
     *
     * @return false when the ring was closed while waiting (the frame is discarded)
     */
    boolean put(byte[] frame, long timestampNanos, int originalLength) {
        long t = tail;
        while (t - head > mask) {
            if (closed) {
                return false;
            }
            parkedProducer = Thread.currentThread();
            if (t - head > mask && !closed) {
                LockSupport.parkNanos(this, 100_000L);
            }
            parkedProducer = null;
        }
        int i = (int) (t & mask);
        data[i] = frame;
        timestamps[i] = timestampNanos;
        originalLengths[i] = originalLength;
        tail = t + 1;
        Thread c = parkedConsumer;
        if (c != null) {
            LockSupport.unpark(c);
        }
        return true;
    }

    /**
     * Consumer: waits up to {@code timeoutNanos} for a frame.
     *
     * @return the slot index to read with the accessors, then {@link #release()}; -1 on timeout or
     *         when the ring is empty and closed
     */
    int poll(long timeoutNanos) {
        long h = head;
        if (h == tail) {
            for (int spin = 0; spin < 64 && h == tail; spin++) {
                Thread.onSpinWait();
            }
            long deadline = System.nanoTime() + timeoutNanos;
            // park can return early (a permit left by an earlier unpark, or spuriously): wait out the deadline
            while (h == tail) {
                long left = deadline - System.nanoTime();
                if (closed || left <= 0) {
                    return h == tail ? -1 : (int) (h & mask);
                }
                parkedConsumer = Thread.currentThread();
                if (h == tail && !closed) {
                    LockSupport.parkNanos(this, left);
                }
                parkedConsumer = null;
            }
        }
        return (int) (h & mask);
    }

    byte[] data(int slot) {
        return data[slot];
    }

    long timestampNanos(int slot) {
        return timestamps[slot];
    }

    int originalLength(int slot) {
        return originalLengths[slot];
    }

    /** Consumer: frees the slot returned by the last {@link #poll}. */
    void release() {
        long h = head;
        data[(int) (h & mask)] = null;
        head = h + 1;
        Thread p = parkedProducer;
        if (p != null) {
            LockSupport.unpark(p);
        }
    }

    /** Frames queued and not yet released. */
    int size() {
        return (int) (tail - head);
    }

    /** No more frames will be put; wakes both sides. Frames already queued can still be polled. */
    void close() {
        closed = true;
        Thread c = parkedConsumer;
        if (c != null) {
            LockSupport.unpark(c);
        }
        Thread p = parkedProducer;
        if (p != null) {
            LockSupport.unpark(p);
        }
    }

    boolean isClosed() {
        return closed;
    }
}

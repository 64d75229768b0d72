package io.edgeaudit.inspect.stream;

/**
 * In-order TCP reassembly for one direction of one inspected flow, into a bounded buffer. Segments are
 * placed by sequence number (RFC 793 modular arithmetic): retransmitted bytes are dropped, a segment
 * beyond the next expected byte is a gap (we do not hold out-of-order data: the bytes in between are
 * lost for the consumer, which is told to resynchronise). The buffer grows on demand up to
 * {@code capacity}; a message that cannot fit is an overflow. Not thread-safe.
 */
public final class StreamReassembler {
    /** Outcome of {@link #offer}. */
    public enum Outcome { APPENDED, DUPLICATE, GAP, OVERFLOW, EMPTY }

    private static final int INITIAL = 2048;

    private final int capacity;
    private final StreamConsumer consumer;
    private byte[] buf = new byte[0];
    private int start;
    private int end;
    private long nextSeq = -1;
    private long gaps;
    private long overflows;

    /**
     * @param capacity most bytes buffered while waiting for a message to complete; at least the largest
     *                 message the consumer must see whole (65,559 for STUN over TCP)
     */
    public StreamReassembler(int capacity, StreamConsumer consumer) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " (expected: 1+)");
        }
        this.capacity = capacity;
        this.consumer = consumer;
    }

    /** A SYN with sequence {@code seq}: the first data byte is {@code seq + 1}. */
    public void syn(long seq) {
        nextSeq = (seq + 1) & 0xFFFFFFFFL;
    }

    /**
     * Offers one segment's payload. The consumer is called with all buffered in-order bytes.
     *
     * @param seq the segment's sequence number (unsigned 32-bit)
     */
    public Outcome offer(long seq, byte[] data, int off, int len) {
        if (len <= 0) {
            return Outcome.EMPTY;
        }
        if (nextSeq < 0) {
            nextSeq = seq; // capture started mid-stream: take the first segment as the start
        }
        int diff = (int) (seq - nextSeq); // signed distance modulo 2^32
        Outcome outcome = Outcome.APPENDED;
        if (diff < 0) {
            long skip = -(long) diff;
            if (skip >= len) {
                return Outcome.DUPLICATE;
            }
            off += (int) skip;
            len -= (int) skip;
        } else if (diff > 0) {
            gaps++;
            start = 0;
            end = 0;
            consumer.gap();
            outcome = Outcome.GAP;
        }
        // after trimming, the bytes start at nextSeq (overlap) or at seq (in order, or after a gap)
        nextSeq = ((diff < 0 ? nextSeq : seq) + len) & 0xFFFFFFFFL;
        if (!append(data, off, len)) {
            overflows++;
            start = 0;
            end = 0;
            consumer.gap();
            return Outcome.OVERFLOW;
        }
        drain();
        return outcome;
    }

    private boolean append(byte[] data, int off, int len) {
        int held = end - start;
        if (len > capacity - held) {
            return false;
        }
        if (buf.length - end < len) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, held);
                start = 0;
                end = held;
            }
            if (buf.length - end < len) {
                int size = Math.max(INITIAL, buf.length);
                while (size < held + len) {
                    size = (int) Math.min((long) size * 2, capacity);
                }
                byte[] bigger = new byte[size];
                System.arraycopy(buf, 0, bigger, 0, held);
                buf = bigger;
            }
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
        return true;
    }

    private void drain() {
        while (end > start) {
            int n = consumer.consume(buf, start, end - start);
            if (n <= 0) {
                break;
            }
            start += Math.min(n, end - start);
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Bytes held waiting for the rest of a message. */
    public int buffered() {
        return end - start;
    }

    public long gaps() {
        return gaps;
    }

    public long overflows() {
        return overflows;
    }
}

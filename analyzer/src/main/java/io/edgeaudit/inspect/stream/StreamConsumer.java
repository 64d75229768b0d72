package io.edgeaudit.inspect.stream;

/** Reads framed messages from the in-order bytes a {@link StreamReassembler} holds for one direction. */
public interface StreamConsumer {

    /**
     * Consumes whole messages from {@code buf[off .. off+len)}.
     *
     * @return bytes consumed (0 when a message is incomplete and more bytes are needed); never more
     *         than {@code len}
     */
    int consume(byte[] buf, int off, int len);

    /** Bytes were lost before the next ones (a capture gap or an overflow): framing must start over. */
    void gap();
}

package io.edgeaudit.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * The bytes of a file as stored, read in chunks, with their SHA-256 computed on a second thread.
 *
 * <p>A chunk goes to the digest thread once the consumer has moved past it, so hashing one chunk
 * overlaps reading and parsing the next. A pool of at most {@value #CHUNKS} chunks (8 MiB) bounds
 * memory and lets the reader run that far ahead of the digest. The pool is that deep because the
 * digest thread shares a core with the JIT compiler and the flow writer: with 1 MiB of chunks the
 * reader stood waiting for a free chunk 0.16-0.27 s of a 3 s run on the flows benchmark (2 cores),
 * with 8 MiB for 0.005-0.04 s. Chunks are made only when the reader finds none free, so a file whose
 * digest keeps up holds two or three (rotated files merged by time are all open at once), and a
 * file smaller than a chunk gets a first chunk of its own size.
 *
 * <p>Chunks are 1 MiB rather than 256 KiB so that {@link #read(byte[], int, int)} is called about
 * a thousand times per GB instead of five thousand: at 256 KiB the JIT's C2 compiler took it up
 * near the end of the 1.2 GB benchmark and spent 0.29 s compiling it (it inlines the channel read and
 * the hand-off to the digest), on a core the reader and the digest were both using.
 *
 * <p>{@link #finish()} reads what the consumer left unread (trailing bytes, or everything after a
 * parse error) so the hash always covers the whole file. Not thread-safe apart from the hand-off
 * to the digest thread.
 */
final class StoredFileStream extends InputStream {
    static final int CHUNK_SIZE = 1 << 20;
    private static final int CHUNKS = 8;
    private static final byte[] END = new byte[0];

    private final FileChannel channel;
    private final Digester digester;
    private byte[] chunk;
    private int position;
    private int limit;
    private long consumed;
    private boolean eof;

    /**
     * @param digest false to skip hashing (then {@link #finish()} returns null and no thread starts)
     */
    StoredFileStream(Path path, boolean digest) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.digester = digest ? new Digester(path.getFileName().toString()) : null;
        try {
            // one byte more than the file, so that the first fill meets its end
            this.chunk = new byte[(int) Math.min(CHUNK_SIZE, channel.size() + 1)];
            fill();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The byte at {@code index} of the file, if it lies in the first chunk and nothing was consumed yet; else -1. */
    int peek(int index) {
        return consumed == 0 && position == 0 && index < limit ? chunk[index] & 0xFF : -1;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !next()) {
            return -1;
        }
        return chunk[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == limit && !next()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }

    /** Accurate: {@link java.util.zip.GZIPInputStream} relies on it to find a next member. */
    @Override
    public int available() throws IOException {
        long rest = (limit - position) + Math.max(0, channel.size() - channel.position());
        return (int) Math.min(Integer.MAX_VALUE, rest);
    }

    /**
     * Reads the rest of the file for the digest and returns the hex SHA-256 of all its bytes, or
     * null when hashing is off. Idempotent; the stream is at its end afterwards.
     */
    String finish() throws IOException {
        if (digester == null) {
            position = limit;
            return null;
        }
        if (digester.result == null) {
            while (next()) {
                position = limit;
            }
            digester.result = digester.await();
        }
        return digester.result;
    }

    /** Hands the consumed chunk to the digest and reads the next one; false at the end of the file. */
    private boolean next() throws IOException {
        if (chunk == null) {
            return false;
        }
        consumed += limit;
        if (digester != null) {
            digester.submit(chunk, limit);
        }
        if (eof) {
            if (digester != null) {
                digester.submit(END, 0);
            }
            chunk = null;
            position = 0;
            limit = 0;
            return false;
        }
        if (digester != null) {
            chunk = digester.take();
        }
        fill();
        return limit > 0 || next();
    }

    private void fill() throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(chunk);
        while (bb.hasRemaining()) {
            if (channel.read(bb) < 0) {
                eof = true;
                break;
            }
        }
        position = 0;
        limit = bb.position();
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            if (digester != null) {
                digester.abort();
            }
        }
    }

    /** The digest thread and its chunk pool. */
    private static final class Digester implements Runnable {
        /**
         * Used as a stack: the chunk handed out next is the one hashed last, so the reader keeps
         * writing the few chunks in flight, not all eight in turn. 8 MiB cycled through would push the
         * flow table out of a 1 MiB L2 cache. On the flows benchmark the stack was faster in two of
         * three interleaved sets (medians -0.06 s and -0.12 s of about 2.5 s; the third, in a noisy
         * hour, +0.16 s), with 0.07-0.14 s less CPU.
         */
        private final BlockingDeque<byte[]> free = new LinkedBlockingDeque<>(CHUNKS);
        private final BlockingQueue<Object> work = new ArrayBlockingQueue<>(2 * CHUNKS + 2);
        private final MessageDigest sha256;
        private final Thread thread;
        private volatile boolean aborted;
        /** Chunks in existence, the stream's first one included (reader thread only). */
        private int created = 1;
        private String result;
        private byte[] hash;

        Digester(String name) {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
            thread = new Thread(this, "sha256 " + name);
            thread.setDaemon(true);
            thread.start();
        }

        void submit(byte[] chunk, int length) throws IOException {
            try {
                work.put(chunk);
                work.put(length);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while hashing");
            }
        }

        /** A free chunk: one the digest is done with, a new one while fewer than {@link #CHUNKS} exist, else waits. */
        byte[] take() throws IOException {
            byte[] c = free.pollLast();
            if (c != null) {
                return c;
            }
            if (created < CHUNKS) {
                created++;
                return new byte[CHUNK_SIZE];
            }
            try {
                return free.takeLast();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while hashing");
            }
        }

        String await() throws IOException {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while hashing");
            }
            return HexFormat.of().formatHex(hash);
        }

        void abort() {
            aborted = true;
            thread.interrupt();
        }

        @Override
        public void run() {
            try {
                while (!aborted) {
                    byte[] chunk = (byte[]) work.take();
                    int length = (Integer) work.take();
                    if (chunk == END) {
                        hash = sha256.digest();
                        return;
                    }
                    sha256.update(chunk, 0, length);
                    if (chunk.length == CHUNK_SIZE) {
                        free.putLast(chunk);
                    }
                }
            } catch (InterruptedException e) {
                // aborted by close(): the hash is not wanted any more
            }
        }
    }
}

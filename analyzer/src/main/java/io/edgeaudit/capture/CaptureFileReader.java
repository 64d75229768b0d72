package io.edgeaudit.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Our streaming reader for one capture file: pcap or pcapng, recognised by magic (never by name),
 * optionally gzip-compressed (also several members). It holds one 1 MiB buffer for the file and
 * allocates nothing per frame. Opening happens on the first {@link #next()}, so an unreadable file
 * fails there like a malformed one: the {@link CaptureFile} records the error, the exception is
 * thrown once, and later calls return false. When reading ends - at the end, on an error, never on
 * an early {@link #close()} - the file's SHA-256 (computed on a second thread, over the bytes as
 * stored) and counters are set on the {@link CaptureFile}, and the file and buffer are released.
 */
public final class CaptureFileReader implements FileSource {
    private static final int GZIP_BUFFER = 64 * 1024;

    private final CaptureFile file;
    private final Path path;
    private final boolean digest;
    private final Frame frame = new Frame();
    private StoredFileStream stored;
    private InputStream input;
    private RecordBuffer buffer;
    private RecordReader reader;
    private boolean gzip;
    private boolean done;
    /** Packets delivered before {@link #suspend()}; -1 when not suspended. */
    private long suspendedAt = -1;

    /** Opens nothing yet. */
    public CaptureFileReader(CaptureFile file, Path path) {
        this(file, path, true);
    }

    /** @param digest false to skip the SHA-256 (for measurements); the file's sha256 then stays null */
    CaptureFileReader(CaptureFile file, Path path, boolean digest) {
        this.file = Objects.requireNonNull(file, "file");
        this.path = Objects.requireNonNull(path, "path");
        this.digest = digest;
    }

    @Override
    public boolean next() throws IOException {
        if (done) {
            return false;
        }
        resume();
        try {
            if (reader == null) {
                open();
            }
            if (reader.readRecord()) {
                return true;
            }
            end(null);
            return false;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public CaptureFile file() {
        return file;
    }

    @Override
    public void suspend() {
        if (!done && reader != null && suspendedAt < 0) {
            suspendedAt = reader.packets;
            release();
        }
    }

    @Override
    public void resume() throws IOException {
        if (suspendedAt < 0) {
            return;
        }
        long target = suspendedAt;
        suspendedAt = -1;
        try {
            open();
            while (reader.packets < target) {
                if (!reader.readRecord()) {
                    throw new CaptureException(file.name(), reader.packets + 1, buffer.offset(buffer.position),
                            "file ends before packet " + target + ", which an earlier read found (expected: an unchanged file)");
                }
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void open() throws IOException {
        try {
            stored = new StoredFileStream(path, digest);
        } catch (NoSuchFileException e) {
            throw new CaptureException(file.name(), 0, 0, "cannot open: no such file", e);
        } catch (AccessDeniedException e) {
            throw new CaptureException(file.name(), 0, 0, "cannot open: permission denied", e);
        } catch (IOException e) {
            throw new CaptureException(file.name(), 0, 0, "cannot open: " + e.getMessage(), e);
        }
        int b0 = stored.peek(0);
        int b1 = stored.peek(1);
        if (b0 == 0x1f && b1 == 0x8b) {
            gzip = true;
            try {
                input = new GZIPInputStream(stored, GZIP_BUFFER);
            } catch (IOException e) {
                throw new CaptureException(file.name(), 0, 0, "bad gzip header: " + e.getMessage(), e);
            }
        } else if (b0 == 0x28 && b1 == 0xb5 && stored.peek(2) == 0x2f && stored.peek(3) == 0xfd) {
            throw new CaptureException(file.name(), 0, 0,
                    "zstd-compressed captures are not supported (decompress with `zstd -d` first)");
        } else {
            input = stored;
        }
        buffer = new RecordBuffer(input);
        if (!buffer.ensure(4)) {
            throw new CaptureException(file.name(), 0, 0, "not a capture file: " + buffer.available()
                    + " bytes (expected: a pcap or pcapng header)");
        }
        if (PcapReader.isMagic(buffer.getInt(0, true))) {
            reader = new PcapReader(file, buffer, frame);
        } else if (buffer.getInt(0, true) == PcapngReader.SHB) {
            reader = new PcapngReader(file, buffer, frame);
        } else {
            throw new CaptureException(file.name(), 0, 0, String.format("not a capture file: starts with %08x"
                    + " (expected: pcap a1b2c3d4/a1b23c4d, pcapng 0a0d0d0a, or gzip 1f8b)", buffer.getInt(0, true)));
        }
        file.format(reader.format() + (gzip ? "+gzip" : ""));
    }

    /** Ends reading with this error, recorded on the file, and returns it as the one-line exception to throw. */
    private CaptureException failed(IOException e) {
        CaptureException ce = e instanceof CaptureException c ? c : translate(e);
        end(ce);
        return ce;
    }

    /** Turns a failure of the stream below the parser into a one-line error at the current position. */
    private CaptureException translate(IOException e) {
        long packet = reader == null ? 0 : reader.packets + 1;
        long offset = buffer == null ? 0 : buffer.offset(buffer.position);
        String what;
        if (gzip && (e instanceof ZipException || e instanceof java.io.EOFException)) {
            what = "gzip data ends or is corrupt: " + e.getMessage();
        } else {
            what = "read failed: " + e.getMessage();
        }
        return new CaptureException(file.name(), packet, offset, what, e);
    }

    /** Publishes counters, error and digest, and releases the file and buffer. */
    private void end(CaptureException error) {
        done = true;
        if (error != null) {
            file.error(error);
        }
        publishCounters();
        if (stored != null) {
            try {
                file.sha256(stored.finish());
            } catch (IOException e) {
                // the hash stays null: the file could not be read to its end
            }
        }
        release();
    }

    private void publishCounters() {
        if (reader != null) {
            file.packets(reader.packets);
            file.bytes(reader.bytes);
            file.truncatedRecords(reader.truncated);
        }
    }

    private void release() {
        try {
            if (stored != null) {
                stored.close();
            }
        } catch (IOException e) {
            // nothing left to read from it; a failing close changes no result
        }
        stored = null;
        input = null;
        buffer = null;
        reader = null;
    }

    /** The current frame; the same instance for the whole file. */
    @Override
    public Frame frame() {
        return frame;
    }

    @Override
    public List<CaptureFile> files() {
        return List.of(file);
    }

    /** Stops reading; a file closed before its end keeps a null sha256 and the counters of what was read. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            publishCounters();
            release();
        }
    }
}

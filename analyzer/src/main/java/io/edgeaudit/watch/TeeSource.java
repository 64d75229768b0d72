package io.edgeaudit.watch;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.capture.live.EvidenceRing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A capture source that also writes every frame to the evidence ring before the pipeline sees it,
 * so the ring holds exactly what was analysed. A ring that fails (disk full) is closed and reported
 * once; capture and analysis go on without it.
 */
final class TeeSource implements CaptureSource {
    private final CaptureSource source;
    private final Consumer<String> warn;
    private EvidenceRing ring;

    TeeSource(CaptureSource source, EvidenceRing ring, Consumer<String> warn) {
        this.source = source;
        this.ring = ring;
        this.warn = warn;
    }

    @Override
    public boolean next() throws IOException {
        if (!source.next()) {
            return false;
        }
        if (ring != null) {
            try {
                ring.write(source.frame());
            } catch (IOException | UncheckedIOException e) {
                failed(e);
            }
        }
        return true;
    }

    /** Pushes buffered frames to disk; called once a second from the ticker. */
    void flush() {
        if (ring != null) {
            try {
                ring.flush();
            } catch (IOException e) {
                failed(e);
            }
        }
    }

    private void failed(Exception e) {
        warn.accept("evidence ring stopped (capture and analysis go on): " + e.getMessage());
        try {
            ring.close();
        } catch (IOException ignored) {
            // already failing: the first error is the one reported
        }
        ring = null;
    }

    /** The ring, or null when there is none or it failed. */
    EvidenceRing ring() {
        return ring;
    }

    @Override
    public Frame frame() {
        return source.frame();
    }

    @Override
    public List<CaptureFile> files() {
        return source.files();
    }

    @Override
    public void close() throws IOException {
        try {
            if (ring != null) {
                ring.close();
            }
        } finally {
            source.close();
        }
    }
}

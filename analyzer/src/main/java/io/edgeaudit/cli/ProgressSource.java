package io.edgeaudit.cli;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.capture.Frame;

import java.io.IOException;
import java.util.List;

/**
 * A {@link CaptureSource} that reports each frame to a {@link ProgressBar}: commands wrap the source
 * they hand to the pipeline, so nothing below {@code cli} knows about terminals. Adds one call per frame
 * and allocates nothing.
 */
public final class ProgressSource implements CaptureSource {
    private final CaptureSource source;
    private final ProgressBar bar;

    public ProgressSource(CaptureSource source, ProgressBar bar) {
        this.source = source;
        this.bar = bar;
    }

    @Override
    public boolean next() throws IOException {
        boolean more = source.next();
        if (more) {
            Frame f = source.frame();
            bar.packet(f.file() == null ? 0 : f.file().index(), f.fileOffset());
        }
        return more;
    }

    @Override
    public Frame frame() {
        return source.frame();
    }

    @Override
    public List<CaptureFile> files() {
        return source.files();
    }

    /** Closes the bar (clearing its line), then the source. */
    @Override
    public void close() throws IOException {
        try {
            bar.close();
        } finally {
            source.close();
        }
    }
}

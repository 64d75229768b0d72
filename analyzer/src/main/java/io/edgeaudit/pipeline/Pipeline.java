package io.edgeaudit.pipeline;

import io.edgeaudit.capture.CaptureException;
import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.flow.FlowTable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one loop that files and live capture share: frames from a {@link CaptureSource} through the
 * decoder into the {@link FlowTable} (which feeds its observers and sink). A malformed input is
 * recorded and reading goes on with the next one; its flows still live at that point are marked
 * partial. Nothing is printed here: the {@link RunSummary} carries every error line.
 *
 * <p>One frame, one reused {@link Packet}: the loop allocates nothing per packet.
 */
public final class Pipeline {
    /** Frames between two progress reports. */
    public static final int PROGRESS_EVERY = 1 << 16;

    private final FrameDecoder decoder;
    private final FlowTable table;
    private volatile boolean stopRequested;

    public Pipeline(FrameDecoder decoder, FlowTable table) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * Asks a running {@link #run} to stop after the current frame (e.g. on Ctrl-C during a live
     * capture); the run then finishes normally, emitting every flow. Safe from any thread.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Reads {@code source} to its end, then flushes the decoder and the flow table.
     *
     * @param progress told how far the run is, or null
     */
    public RunSummary run(CaptureSource source, ProgressListener progress) {
        List<CaptureFile> files = source.files();
        long[] packetsPerFile = new long[files.size()];
        long[] flowsPerFile = new long[files.size()];
        Packet packet = new Packet();
        long packets = 0;
        long bytes = 0;
        int filesStarted = 0;
        int failuresInARow = 0;
        String error = null;
        while (!stopRequested) {
            boolean more;
            try {
                more = source.next();
                failuresInARow = 0;
            } catch (CaptureException e) {
                // the failing file keeps its error; its flows may have gone on in the part not read
                markPartial(files, e);
                if (++failuresInARow > files.size()) {
                    break; // a source that cannot get past its error
                }
                continue;
            } catch (IOException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                break;
            }
            if (!more) {
                break;
            }
            Frame frame = source.frame();
            long flowsBefore = table.flowsCreated();
            decoder.decode(frame, packet);
            table.accept(packet);
            CaptureFile file = frame.file();
            if (file != null && file.index() >= 0 && file.index() < packetsPerFile.length) {
                int i = file.index();
                if (packetsPerFile[i]++ == 0) {
                    filesStarted = Math.max(filesStarted, i + 1);
                }
                flowsPerFile[i] += table.flowsCreated() - flowsBefore;
            }
            packets++;
            bytes += frame.capturedLength();
            if (progress != null && (packets & (PROGRESS_EVERY - 1)) == 0) {
                progress.progress(filesStarted, packets, bytes);
            }
        }
        decoder.finish();
        for (CaptureFile f : files) {
            if (f.isPartial()) {
                table.markPartial(f.index());
            }
        }
        long peak = table.peakLiveFlows();
        table.finish();
        if (progress != null) {
            progress.progress(files.size(), packets, bytes);
        }
        List<RunSummary.FileSummary> perFile = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            CaptureFile f = files.get(i);
            perFile.add(new RunSummary.FileSummary(f.index(), f.name(), f.format(), f.sha256(), packetsPerFile[i],
                    flowsPerFile[i], f.error() == null ? null : f.error().getMessage(),
                    decoder.anomalies().entriesOf(f.index())));
        }
        return new RunSummary(perFile, packets, bytes, table.flowsCreated(), table.packetsWithoutFlow(), peak,
                decoder.anomalies().entries(), error);
    }

    private void markPartial(List<CaptureFile> files, CaptureException e) {
        for (CaptureFile f : files) {
            if (f.error() == e || (f.error() == null && f.name().equals(e.file()))) {
                if (f.error() == null) {
                    f.error(e);
                }
                table.markPartial(f.index());
                return;
            }
        }
    }
}

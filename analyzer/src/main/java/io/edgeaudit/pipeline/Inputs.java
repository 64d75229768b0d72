package io.edgeaudit.pipeline;

import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.capture.CaptureSources;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.PacketDecoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Wiring of the stages before the flow table, shared by the commands and the end-to-end tests. */
public final class Inputs {
    private Inputs() {
    }

    /**
     * Opens files and directories as one time-merged source (nothing is read yet: a file that
     * cannot be read fails on the first {@code next()}, and the pipeline records it).
     *
     * @param libpcap true to read through libpcap (pcap4j) instead of our readers
     * @param notes   receives one line per directory entry skipped
     */
    public static CaptureSource open(List<Path> paths, boolean libpcap, Consumer<String> notes) throws IOException {
        return CaptureSources.open(paths, libpcap ? CaptureSources.Reader.LIBPCAP : CaptureSources.Reader.EDGEAUDIT,
                notes);
    }

    public static CaptureSource open(List<Path> paths, boolean libpcap) throws IOException {
        return open(paths, libpcap, note -> { });
    }

    /** A fresh decoder with its own anomaly counters. */
    public static FrameDecoder decoder() {
        PacketDecoder d = new PacketDecoder();
        return new FrameDecoder() {
            @Override
            public void decode(Frame frame, Packet packet) {
                d.decode(frame, packet);
            }

            @Override
            public Anomalies anomalies() {
                return d.anomalies();
            }

            @Override
            public void finish() {
                d.finish();
            }
        };
    }
}

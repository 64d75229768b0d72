package io.edgeaudit.decode;

import io.edgeaudit.capture.Frame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts anomalies by name, keeping the first occurrence of each (file, packet number, byte offset).
 * Counting is allocation-free after the first occurrence of a kind. Not thread-safe: one per pipeline.
 */
public final class Anomalies {
    private final long[] counts = new long[Weird.values().length];
    private final Map<Weird, Occurrence> first = new EnumMap<>(Weird.class);

    /** Where an anomaly was first seen. {@code byteOffset} is into the uncompressed file. */
    public record Occurrence(String file, long packetNumber, long byteOffset) {
    }

    /** One counted kind, for reports. */
    public record Entry(Weird weird, long count, Occurrence first) {
        public String name() {
            return weird.label();
        }
    }

    /**
     * Counts one anomaly in {@code frame}; {@code offsetInFrame} is the byte within the frame's data
     * where the problem starts (so the file offset is the record's data start plus it).
     */
    public void report(Weird weird, Frame frame, int offsetInFrame) {
        if (counts[weird.ordinal()]++ == 0) {
            long dataStart = frame.dataFileOffset();
            first.put(weird, new Occurrence(frame.file() == null ? "" : frame.file().name(),
                    frame.packetNumber(), dataStart + Math.max(0, offsetInFrame)));
        }
    }

    /**
     * Counts one anomaly found while decoding {@code p}; {@code bufferIndex} is an absolute index into
     * {@code p.buf} (the decoders' coordinates), converted here to an offset in the frame.
     */
    public void report(Weird weird, Packet p, int bufferIndex) {
        report(weird, p.frame, bufferIndex - p.frame.dataOffset());
    }

    /** Counts {@code n} anomalies of a kind found without a frame (e.g. fragment groups at end of input). */
    public void report(Weird weird, long n, Occurrence where) {
        if (n <= 0) {
            return;
        }
        if (counts[weird.ordinal()] == 0 && where != null) {
            first.put(weird, where);
        }
        counts[weird.ordinal()] += n;
    }

    public long count(Weird weird) {
        return counts[weird.ordinal()];
    }

    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** The kinds seen, in declaration order. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Weird w : Weird.values()) {
            if (counts[w.ordinal()] > 0) {
                out.add(new Entry(w, counts[w.ordinal()], first.get(w)));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Adds another counter's entries into this one (first occurrences kept where this had none). */
    public void addAll(Anomalies other) {
        for (Weird w : Weird.values()) {
            long n = other.counts[w.ordinal()];
            if (n > 0) {
                report(w, n, other.first.get(w));
            }
        }
    }

}

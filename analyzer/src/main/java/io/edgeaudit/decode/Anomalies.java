package io.edgeaudit.decode;

import io.edgeaudit.capture.Frame;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** Per input file index: counts by kind, and first occurrences; a row is made on a file's first anomaly. */
    private long[][] countsByFile = new long[0][];
    private Occurrence[][] firstByFile = new Occurrence[0][];

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
        int w = weird.ordinal();
        int fileIndex = frame.file() == null ? -1 : frame.file().index();
        boolean firstInRun = counts[w]++ == 0;
        boolean firstInFile = fileIndex >= 0 && countIn(fileIndex, w, 1) == 0;
        if (firstInRun || firstInFile) {
            Occurrence o = new Occurrence(frame.file() == null ? "" : frame.file().name(),
                    frame.packetNumber(), frame.dataFileOffset() + Math.max(0, offsetInFrame));
            if (firstInRun) {
                first.put(weird, o);
            }
            if (firstInFile) {
                firstByFile[fileIndex][w] = o;
            }
        }
    }

    /** Adds {@code n} to the count of kind {@code w} in file {@code fileIndex}; returns the count before. */
    private long countIn(int fileIndex, int w, long n) {
        if (fileIndex >= countsByFile.length) {
            countsByFile = Arrays.copyOf(countsByFile, fileIndex + 1);
            firstByFile = Arrays.copyOf(firstByFile, fileIndex + 1);
        }
        if (countsByFile[fileIndex] == null) {
            countsByFile[fileIndex] = new long[counts.length];
            firstByFile[fileIndex] = new Occurrence[counts.length];
        }
        long before = countsByFile[fileIndex][w];
        countsByFile[fileIndex][w] = before + n;
        return before;
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
        report(weird, n, where, -1);
    }

    /**
     * As {@link #report(Weird, long, Occurrence)}, also counted for input file {@code fileIndex}
     * (-1: for no file).
     */
    public void report(Weird weird, long n, Occurrence where, int fileIndex) {
        if (n <= 0) {
            return;
        }
        if (counts[weird.ordinal()] == 0 && where != null) {
            first.put(weird, where);
        }
        counts[weird.ordinal()] += n;
        if (fileIndex >= 0 && countIn(fileIndex, weird.ordinal(), n) == 0) {
            firstByFile[fileIndex][weird.ordinal()] = where;
        }
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

    /** The kinds seen in input file {@code fileIndex} (0-based), with that file's counts and first occurrences. */
    public List<Entry> entriesOf(int fileIndex) {
        if (fileIndex < 0 || fileIndex >= countsByFile.length || countsByFile[fileIndex] == null) {
            return List.of();
        }
        long[] c = countsByFile[fileIndex];
        List<Entry> out = new ArrayList<>();
        for (Weird w : Weird.values()) {
            if (c[w.ordinal()] > 0) {
                out.add(new Entry(w, c[w.ordinal()], firstByFile[fileIndex][w.ordinal()]));
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

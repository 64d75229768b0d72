package io.edgeaudit.report.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Chooses the capture files a scheduled run analyses: regular files below the input folder whose
 * names end in .pcap, .pcapng or .cap (optionally with tcpdump -C's rotation number, optionally .gz), that
 * <ul>
 *   <li>were modified within {@code since} of the run's start (all files when {@code since} is null),</li>
 *   <li>were last modified at least {@code settle} before the run's start, so a file a capture
 *       process is still writing (tcpdump -G/-C rotation) waits for the next run, and</li>
 *   <li>no committed run has analysed with the same path, size and modification time.</li>
 * </ul>
 * The result is sorted by modification time, then path, so runs are reproducible.
 */
public final class CaptureInputs {
    private static final int MAX_DEPTH = 8;
    /** "x.pcap", "x.pcapng", "x.cap", and tcpdump -C's rotations "x.pcap1", "x.pcap2", ... */
    private static final Pattern ROTATED = Pattern.compile(".+\\.(pcap|pcapng|cap)[0-9]*");

    private CaptureInputs() {
    }

    /** A file chosen for this run, with the stamp the history will record. */
    public record Candidate(Path path, FileStamp stamp) {
    }

    public static List<Candidate> select(Path dir, Instant start, Duration since, Duration settle,
                                         Set<FileStamp> analysed) throws IOException {
        List<Candidate> out = new ArrayList<>();
        long newest = start.minus(settle).toEpochMilli();
        long oldest = since == null ? Long.MIN_VALUE : start.minus(since).toEpochMilli();
        try (Stream<Path> files = Files.find(dir, MAX_DEPTH, (p, a) -> a.isRegularFile() && isCapture(p))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                long mtime = a.lastModifiedTime().toMillis();
                FileStamp stamp = new FileStamp(p.toAbsolutePath().normalize().toString(), a.size(), mtime);
                if (mtime >= oldest && mtime <= newest && !analysed.contains(stamp)) {
                    out.add(new Candidate(p, stamp));
                }
            }
        }
        out.sort(Comparator.comparingLong((Candidate c) -> c.stamp().mtimeMillis()).thenComparing(c -> c.stamp().path()));
        return out;
    }

    static boolean isCapture(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.startsWith(".")) {
            return false;
        }
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return ROTATED.matcher(n).matches();
    }
}

package io.edgeaudit.watch;

import io.edgeaudit.capture.live.LiveOptions;
import io.edgeaudit.verdict.Severity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code watch} was asked to do. Immutable.
 *
 * @param live        interface, snaplen, filter, kernel buffer
 * @param topology    the topology file
 * @param window      how often the summary and report files are rewritten (at least 1 s)
 * @param out         folder of summary.json, violations.jsonl and the report files
 * @param pcapDir     folder of the evidence ring, or null for none
 * @param rotateBytes evidence file size at which a new one starts
 * @param keep        evidence files kept
 * @param failOn      lowest severity that makes the exit code 1
 */
public record WatchConfig(LiveOptions live, Path topology, Duration window, Path out, Path pcapDir,
                          long rotateBytes, int keep, Severity failOn) {
    public WatchConfig {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(failOn, "failOn");
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("window " + window + " (expected: at least 1 s)");
        }
    }
}

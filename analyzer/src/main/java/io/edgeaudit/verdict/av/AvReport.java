package io.edgeaudit.verdict.av;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.inspect.av.AvCapture;
import io.edgeaudit.inspect.av.Allocation;
import io.edgeaudit.verdict.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the {@code av} command reports, as values for the console and JSON writers. Immutable.
 *
 * @param capturePoints per capture point: messages decoded, allocations, malformed messages
 * @param rewrites      address rewrites between capture points, as sentences
 * @param allocations   TURN allocations and STUN sessions with their verdicts, capture point by capture point
 * @param violations    every A/V violation (also those not tied to one allocation)
 * @param anomalies     counted anomalies (stun_malformed, stream_gap, ...) with their first occurrence
 */
public record AvReport(List<CapturePointSummary> capturePoints, List<String> rewrites,
                       List<AllocationReport> allocations, List<Violation> violations, List<Anomaly> anomalies) {

    /** One anomaly kind: stable name, count, and "FILE packet N at byte offset X" of the first. */
    public record Anomaly(String name, long count, String first) {
        public static Anomaly of(Anomalies.Entry e) {
            return new Anomaly(e.name(), e.count(), e.first() == null ? "" : e.first().file() + " packet "
                    + e.first().packetNumber() + " at byte offset " + e.first().byteOffset());
        }
    }

    /** Counts for one vantage point. */
    public record CapturePointSummary(String name, long stunMessages, Map<String, Long> messageCounts,
                                      int allocations, long malformed, long channelData) {
    }

    public static AvReport of(AvVerdicts verdicts, AvTopology topo, List<Anomalies.Entry> anomalies) {
        List<CapturePointSummary> points = new ArrayList<>();
        List<AllocationReport> allocations = new ArrayList<>();
        for (AvCapture c : verdicts.captures()) {
            points.add(new CapturePointSummary(c.capturePoint(), c.messages(), c.messageCounts(),
                    c.allocations().size(), c.malformed(), c.channelData()));
            for (Allocation a : c.allocations()) {
                allocations.add(AllocationReport.of(a, verdicts.of(a), topo));
            }
        }
        return new AvReport(points, verdicts.rewrites().stream().map(AddressRewrite::sentence).toList(),
                allocations, verdicts.violations(), anomalies.stream().map(Anomaly::of).toList());
    }
}

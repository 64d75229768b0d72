package io.edgeaudit.cli;

import io.edgeaudit.verdict.av.AllocationReport;
import io.edgeaudit.verdict.av.AvReport;

import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes an {@link AvReport} for the console: per capture point, rewrites, then each allocation. */
final class AvText {
    private AvText() {
    }

    /**
     * @param timeline true to print every allocation's timeline (otherwise only for allocations with findings)
     */
    static void write(AvReport report, PrintWriter out, boolean timeline) {
        for (AvReport.CapturePointSummary p : report.capturePoints()) {
            out.printf("capture point %s: %d STUN message(s), %d allocation(s)/session(s), %d malformed, %d ChannelData%n",
                    p.name(), p.stunMessages(), p.allocations(), p.malformed(), p.channelData());
        }
        if (!report.rewrites().isEmpty()) {
            out.println();
            out.println("Address rewriting between capture points (the load balancer applies SNAT):");
            report.rewrites().stream().distinct().limit(20).forEach(r -> out.println("  " + r));
        }
        for (AllocationReport a : report.allocations()) {
            out.println();
            out.printf("[%s] %s -> %s %s (%s%s)  flow %s%n", a.capturePoint(), a.client(), a.server(), a.transport(),
                    a.framing(), a.dialect().isEmpty() ? "" : ", " + a.dialect(), a.flowUid());
            out.println("  verdict: " + a.sentence());
            StringBuilder s = new StringBuilder("  server: ").append(a.serverRole());
            if (!a.realm().isEmpty()) {
                s.append("; realm ").append(a.realm());
            }
            if (!a.username().isEmpty()) {
                s.append("; user ").append(a.username());
            }
            if (a.msVersion() >= 0) {
                s.append("; MS-Version ").append(a.msVersion());
            }
            if (!a.software().isEmpty()) {
                s.append("; client software ").append(a.software());
            }
            if (!a.serverSoftware().isEmpty()) {
                s.append("; server software ").append(a.serverSoftware());
            }
            out.println(s);
            out.printf("  requests %d, responses %d, unanswered %d%s%n", a.requests(), a.responses(), a.unanswered(),
                    a.errors().isEmpty() ? "" : "; errors: " + a.errors().entrySet().stream()
                            .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", ")));
            if (!a.relayed().isEmpty() || !a.mapped().isEmpty()) {
                out.printf("  relayed %s%s; mapped %s; lifetime %s; refreshes %d%n", or(a.relayed()),
                        a.relayedIpv6().isEmpty() ? "" : " and " + a.relayedIpv6(), or(a.mapped()),
                        a.lifetime() < 0 ? "-" : a.lifetime() + " s", a.refreshes());
            }
            if (!a.permissions().isEmpty() || !a.channels().isEmpty()) {
                out.printf("  permissions: %s; channels: %s%n", a.permissions().isEmpty() ? "-" : String.join(", ", a.permissions()),
                        a.channels().isEmpty() ? "-" : a.channels().entrySet().stream()
                                .map(e -> e.getKey() + " -> " + e.getValue()).collect(Collectors.joining(", ")));
            }
            AllocationReport.Media m = a.media();
            if (m.clientToServerPackets() + m.serverToClientPackets() + m.peerToRelayPackets() + m.relayToPeerPackets() > 0) {
                out.printf("  media: client->server %d pkt/%d B, server->client %d pkt/%d B; peer->relay %d pkt/%d B, "
                                + "relay->peer %d pkt/%d B%n", m.clientToServerPackets(), m.clientToServerBytes(),
                        m.serverToClientPackets(), m.serverToClientBytes(), m.peerToRelayPackets(), m.peerToRelayBytes(),
                        m.relayToPeerPackets(), m.relayToPeerBytes());
            }
            for (AllocationReport.Finding f : a.findings()) {
                out.printf("  %s %s%s: %s (packets %s)%n", f.severity().toUpperCase(java.util.Locale.ROOT), f.kind(),
                        f.requirement().isEmpty() ? "" : " [" + f.requirement() + "]", f.why(), String.join(", ", f.packets()));
            }
            if (timeline || !a.findings().isEmpty()) {
                out.println("  timeline:");
                for (AllocationReport.Step step : a.timeline()) {
                    out.printf("    %s %-16s %s%n", step.time(), step.packet(), step.text());
                }
                if (a.timelineDropped() > 0) {
                    out.printf("    ... %d more event(s)%n", a.timelineDropped());
                }
            }
        }
        long unbound = report.violations().stream().filter(v -> report.allocations().stream()
                .noneMatch(a -> a.findings().stream().anyMatch(f -> f.why().equals(v.why())))).count();
        if (unbound > 0) {
            out.println();
            out.println("Flow findings:");
            report.violations().stream().filter(v -> report.allocations().stream()
                            .noneMatch(a -> a.findings().stream().anyMatch(f -> f.why().equals(v.why()))))
                    .forEach(v -> out.printf("  %s %s%s: %s%n    %s%n", v.severity().label().toUpperCase(java.util.Locale.ROOT),
                            v.kind().name(), v.ruleId().isEmpty() ? "" : " [" + v.ruleId() + "]", v.why(), v.explanation()));
        }
        if (!report.anomalies().isEmpty()) {
            out.println();
            out.println("Anomalies:");
            for (AvReport.Anomaly an : report.anomalies()) {
                out.printf("  %s x%d (first: %s)%n", an.name(), an.count(), an.first());
            }
        }
        Map<String, Long> byKind = report.violations().stream()
                .collect(Collectors.groupingBy(v -> v.kind().name(), java.util.TreeMap::new, Collectors.counting()));
        out.println();
        out.println(byKind.isEmpty() ? "No A/V findings." : "A/V findings: " + byKind);
    }

    private static String or(String s) {
        return s.isEmpty() ? "-" : s;
    }
}

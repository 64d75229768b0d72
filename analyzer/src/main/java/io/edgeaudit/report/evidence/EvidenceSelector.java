package io.edgeaudit.report.evidence;

import io.edgeaudit.decode.Packet;
import io.edgeaudit.net.IpAddress;
import io.edgeaudit.verdict.Violation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, packet by packet in a second pass over the inputs, which packets belong to a violating
 * flow and what their pcapng comment says.
 *
 * <p>Selection is by 5-tuple in either direction plus the flow's time window [first, last packet]
 * from the violation's evidence: this needs memory per violating flow only, not per packet
 * (remembering packet numbers would grow with the flow). A flow split by a timeout into two flows has
 * two windows, so the right one is named. The input file is not a criterion: the flow table joins a
 * 5-tuple's packets from every input of the merged timeline into one flow, and so does this. Bounded: at most {@link #MAX_FLOWS} flows
 * (the first in report order) and {@link #MAX_PACKETS_PER_FLOW} packets each; what is left out is
 * counted.
 */
final class EvidenceSelector {
    static final int MAX_FLOWS = 10_000;
    static final int MAX_PACKETS_PER_FLOW = 10_000;
    /** pcapng options hold 64 KiB; explanations citing packet strings are cut well below. */
    static final int MAX_COMMENT_CHARS = 2_000;

    /** One violating flow: its window and the comments of its first and later packets. */
    static final class Target {
        final String flowUid;
        final long tsFirst;
        final long tsLast;
        final String firstComment;
        final String comment;
        long written;
        long skipped;

        Target(String flowUid, long tsFirst, long tsLast, String firstComment, String comment) {
            this.flowUid = flowUid;
            this.tsFirst = tsFirst;
            this.tsLast = tsLast;
            this.firstComment = firstComment;
            this.comment = comment;
        }
    }

    private final Map<FlowTuple, List<Target>> byTuple = new HashMap<>();
    private final List<Target> targets = new ArrayList<>();
    private final FlowTuple probe = new FlowTuple();
    private int flowsLeftOut;

    EvidenceSelector(List<Violation> violations) {
        Map<String, List<Violation>> byFlow = new LinkedHashMap<>();
        for (Violation v : violations) {
            if (v.evidence() != null && !v.flowUid().isEmpty()) {
                byFlow.computeIfAbsent(v.flowUid(), k -> new ArrayList<>()).add(v);
            }
        }
        for (List<Violation> vs : byFlow.values()) {
            if (targets.size() >= MAX_FLOWS) {
                flowsLeftOut++;
                continue;
            }
            Violation v = vs.get(0);
            FlowTuple key = tuple(v);
            if (key == null) {
                flowsLeftOut++;
                continue;
            }
            Target t = new Target(v.flowUid(), v.evidence().tsFirst(), v.evidence().tsLast(), comment(vs, true),
                    comment(vs, false));
            targets.add(t);
            byTuple.computeIfAbsent(key, k -> new ArrayList<>(1)).add(t);
        }
    }

    private static FlowTuple tuple(Violation v) {
        int transport = switch (v.transport()) {
            case "tcp" -> Packet.TCP;
            case "udp" -> Packet.UDP;
            case "icmp" -> Packet.ICMP;
            case "icmp6" -> Packet.ICMPV6;
            default -> parseOrMinus(v.transport());
        };
        if (transport < 0 || !IpAddress.isLiteral(v.origAddr()) || !IpAddress.isLiteral(v.respAddr())) {
            return null;
        }
        byte[] o = IpAddress.parse(v.origAddr()).toBytes();
        byte[] r = IpAddress.parse(v.respAddr()).toBytes();
        if (o.length != r.length) {
            return null;
        }
        byte[] both = new byte[o.length * 2];
        System.arraycopy(o, 0, both, 0, o.length);
        System.arraycopy(r, 0, both, o.length, r.length);
        return new FlowTuple().set(transport, both, 0, v.origPort(), o.length, v.respPort(), o.length);
    }

    private static int parseOrMinus(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** "edgeaudit: SNAT_ON_AV [error] flow F7, rule ext-vip-av-udp3478 (external-vip#7): explanation" */
    static String comment(List<Violation> vs, boolean first) {
        StringBuilder b = new StringBuilder("edgeaudit: ");
        for (int i = 0; i < vs.size(); i++) {
            Violation v = vs.get(i);
            if (i > 0) {
                b.append("; ");
            }
            b.append(v.kind().name()).append(" [").append(v.severity().label()).append("] flow ").append(v.flowUid());
            if (!v.ruleId().isEmpty()) {
                b.append(", rule ").append(v.ruleId());
                if (!v.ruleRef().isEmpty()) {
                    b.append(" (").append(v.ruleRef()).append(')');
                }
            }
            if (first) {
                b.append(": ").append(v.explanation());
            }
        }
        return b.length() <= MAX_COMMENT_CHARS ? b.toString() : b.substring(0, MAX_COMMENT_CHARS - 1) + "\u2026";
    }

    /** The target this packet belongs to, or null. Allocates nothing. */
    Target select(Packet p) {
        if (!p.hasTransport() || p.addrLength == 0 || byTuple.isEmpty()) {
            return null;
        }
        long ts = p.frame.timestampNanos();
        Target t = lookup(probe.set(p.transport, p.buf, p.srcAddrOffset, p.srcPort, p.dstAddrOffset, p.dstPort,
                p.addrLength), ts);
        if (t == null) {
            t = lookup(probe.set(p.transport, p.buf, p.dstAddrOffset, p.dstPort, p.srcAddrOffset, p.srcPort,
                    p.addrLength), ts);
        }
        return t;
    }

    private Target lookup(FlowTuple key, long ts) {
        List<Target> candidates = byTuple.get(key);
        if (candidates == null) {
            return null;
        }
        for (int i = 0; i < candidates.size(); i++) {
            Target t = candidates.get(i);
            if (ts >= t.tsFirst && ts <= t.tsLast) {
                return t;
            }
        }
        return null;
    }

    List<Target> targets() {
        return targets;
    }

    int flowsLeftOut() {
        return flowsLeftOut;
    }
}

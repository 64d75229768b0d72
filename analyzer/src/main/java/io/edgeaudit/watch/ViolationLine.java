package io.edgeaudit.watch;

import io.edgeaudit.capture.live.EvidenceRing;
import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.net.IpAddress;
import io.edgeaudit.verdict.Violation;

import java.util.Locale;

/**
 * The console line of a new finding, one line however long the explanation:
 * {@code VIOLATION error UNEXPECTED_PORT tcp 203.0.113.5:40000 -> 198.51.100.21:3389 external
 * rule ext-3 (external-node#3): why; evidence live:eth1#12 = live-eth1-...-00001.pcapng#12}.
 */
final class ViolationLine {
    private ViolationLine() {
    }

    /** {@code ring} may be null (no evidence ring, or it failed). */
    static String format(Violation v, EvidenceRing ring) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("VIOLATION ").append(v.severity().name().toLowerCase(Locale.ROOT)).append(' ')
                .append(v.kind().name()).append(' ').append(v.transport()).append(' ')
                .append(endpoint(v.origAddr(), v.origPort())).append(" -> ").append(endpoint(v.respAddr(), v.respPort()))
                .append(' ').append(v.iface());
        if (!v.ruleId().isEmpty()) {
            sb.append(" rule ").append(v.ruleId());
            if (!v.ruleRef().isEmpty()) {
                sb.append(" (").append(v.ruleRef()).append(')');
            }
        }
        if (!v.why().isEmpty()) {
            sb.append(": ").append(v.why());
        }
        if (v.evidence() != null && !v.evidence().firstPackets().isEmpty()) {
            PacketRef first = v.evidence().firstPackets().get(0);
            sb.append("; evidence ").append(first);
            EvidenceRing.Location at = ring == null ? null : ring.locate(first.packetNumber());
            if (at != null) {
                sb.append(" = ").append(at.file().getFileName()).append('#').append(at.packetNumber());
            }
        }
        return sb.toString().replaceAll("[\\r\\n]+", " ");
    }

    private static String endpoint(String addr, int port) {
        return IpAddress.isLiteral(addr) && addr.indexOf(':') >= 0 ? "[" + addr + "]:" + port : addr + ":" + port;
    }
}

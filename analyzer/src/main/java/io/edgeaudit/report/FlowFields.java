package io.edgeaudit.report;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketRef;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The columns of a flow table, shared by the CSV and JSON writers so both say the same thing:
 * raw integers, RFC 3339 UTC timestamps with nine fractional digits, packet references as
 * {@code file#n}.
 */
final class FlowFields {
    static final List<String> COLUMNS = List.of(
            "ts_first", "ts_last", "transport", "orig_addr", "orig_port", "resp_addr", "resp_port", "vlan",
            "interface", "orig_pkts", "orig_frame_bytes", "orig_payload_bytes", "resp_pkts", "resp_frame_bytes",
            "resp_payload_bytes", "conn_state", "history", "direction_inferred", "first_packets",
            "uid", "split", "direction", "icmp_refusal", "partial", "server_name");

    private static final DateTimeFormatter RFC3339_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The last second formatted: flows end in time order, so most timestamps share it. */
    private static long cachedSecond = Long.MIN_VALUE;
    private static String cachedPrefix;

    private FlowFields() {
    }

    /**
     * The row of {@code f}, in {@link #COLUMNS} order: String, Long, Integer, Boolean, or
     * List&lt;String&gt; for first_packets; null for an absent value (interface, direction,
     * icmp_refusal, server_name).
     */
    static Object[] values(Flow f) {
        return new Object[] {
                timestamp(f.tsFirst()), timestamp(f.tsLast()), f.transportName(),
                f.origAddr().toString(), f.origPort(), f.respAddr().toString(), f.respPort(), f.vlanText(),
                f.interfaceName(),
                f.orig().packets(), f.orig().frameBytes(), f.orig().payloadBytes(),
                f.resp().packets(), f.resp().frameBytes(), f.resp().payloadBytes(),
                f.connState(), f.history(), f.directionInferred(),
                refs(f.firstPackets()),
                f.uid(), f.split(), f.direction(), icmpRefusal(f), f.partial(), f.serverName()};
    }

    /** "2026-01-01T00:00:00.000000001Z" for epoch nanoseconds. */
    static synchronized String timestamp(long epochNanos) {
        long second = Math.floorDiv(epochNanos, 1_000_000_000L);
        long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        if (second != cachedSecond) {
            cachedPrefix = RFC3339_SECONDS.format(Instant.ofEpochSecond(second));
            cachedSecond = second;
        }
        StringBuilder b = new StringBuilder(30).append(cachedPrefix).append('.');
        String digits = Long.toString(nanos);
        for (int i = digits.length(); i < 9; i++) {
            b.append('0');
        }
        return b.append(digits).append('Z').toString();
    }

    private static List<String> refs(List<PacketRef> refs) {
        String[] out = new String[refs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = refs.get(i).toString();
        }
        return List.of(out);
    }

    private static String icmpRefusal(Flow f) {
        return f.icmpRefusal() == null ? null : f.icmpRefusal() + " " + f.icmpRefusalReason();
    }
}

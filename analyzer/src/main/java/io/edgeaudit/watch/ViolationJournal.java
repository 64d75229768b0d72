package io.edgeaudit.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeaudit.capture.live.EvidenceRing;
import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.verdict.Violation;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * violations.jsonl: one JSON object per line per new violation, appended and flushed at once so a
 * SIEM tailing the file sees it within the second. Lines are never rewritten; a restart appends.
 * Field names are snake_case and stable (README "watch"):
 * {@code detected, input, kind, severity, flow, transport, orig, orig_port, resp, resp_port,
 * edge_interface, rule, rule_ref, why, explanation, ts_first, ts_last, packets, bytes, packets_ref,
 * pcap, pcap_packet} (the last two only with an evidence ring: where the flow's first packet was written).
 */
final class ViolationJournal implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter out;
    private long lines;

    ViolationJournal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Appends and flushes one line. {@code ring} may be null. */
    void append(Violation v, String input, long detectedNanos, EvidenceRing ring) throws IOException {
        out.write(toJson(v, input, detectedNanos, ring));
        out.newLine();
        out.flush();
        lines++;
    }

    static String toJson(Violation v, String input, long detectedNanos, EvidenceRing ring) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("detected", instant(detectedNanos));
        o.put("input", input);
        o.put("kind", v.kind().name());
        o.put("severity", v.severity().name().toLowerCase(java.util.Locale.ROOT));
        o.put("flow", v.flowUid());
        o.put("transport", v.transport());
        o.put("orig", v.origAddr());
        o.put("orig_port", v.origPort());
        o.put("resp", v.respAddr());
        o.put("resp_port", v.respPort());
        o.put("edge_interface", v.iface());
        o.put("rule", v.ruleId());
        o.put("rule_ref", v.ruleRef());
        o.put("why", v.why());
        o.put("explanation", v.explanation());
        if (v.evidence() != null) {
            o.put("ts_first", instant(v.evidence().tsFirst()));
            o.put("ts_last", instant(v.evidence().tsLast()));
            o.put("packets", v.evidence().packets());
            o.put("bytes", v.evidence().bytes());
            ArrayNode refs = o.putArray("packets_ref");
            for (PacketRef r : v.evidence().firstPackets()) {
                refs.add(r.toString());
            }
            if (ring != null && !v.evidence().firstPackets().isEmpty()) {
                EvidenceRing.Location at = ring.locate(v.evidence().firstPackets().get(0).packetNumber());
                if (at != null) {
                    o.put("pcap", at.file().toString());
                    o.put("pcap_packet", at.packetNumber());
                }
            }
        }
        return JSON.writeValueAsString(o);
    }

    static String instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }

    Path file() {
        return file;
    }

    long lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

package io.edgeaudit.verdict.av;

import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.inspect.av.Allocation;
import io.edgeaudit.inspect.stun.TransportAddress;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One allocation as the {@code av} command shows it: what happened (timeline), what the server handed
 * out, the media, and a plain-language verdict that names the requirement broken and what to change.
 * A value for the console and JSON writers; immutable. Addresses are text, "" when unknown.
 *
 * @param realm    REALM, "" when none (at most {@link Allocation#MAX_TEXT} chars, like the next three)
 * @param username USERNAME of the client's requests, ""
 * @param software the client's SOFTWARE, ""
 * @param serverSoftware the server's SOFTWARE, ""
 * @param verdict  "ok", "stun-only", or the stable name of the most severe violation kind
 * @param sentence one or two plain sentences: the verdict, with the requirement and the fix
 */
public record AllocationReport(String capturePoint, String flowUid, String client, String server, String serverRole,
                               String transport, String framing, String dialect, long msVersion, String realm,
                               String username, String software, String serverSoftware, int requests, int responses, int unanswered,
                               Map<String, Integer> errors, String mapped, String relayed, String relayedIpv6,
                               long lifetime, int refreshes, List<String> permissions, Map<String, String> channels,
                               Media media, String verdict, String sentence, List<Finding> findings,
                               List<Step> timeline, int timelineDropped) {

    /** Packets and bytes of relayed media: through the server, and on the relayed address. */
    public record Media(long clientToServerPackets, long clientToServerBytes, long serverToClientPackets,
                        long serverToClientBytes, long peerToRelayPackets, long peerToRelayBytes,
                        long relayToPeerPackets, long relayToPeerBytes) {
    }

    /** A violation, shortened for this view. */
    public record Finding(String kind, String severity, String requirement, String why, String explanation,
                          List<String> packets) {
    }

    /** One timeline line: ISO-8601 UTC time, "file#packet", what happened. */
    public record Step(String time, String packet, String text) {
    }

    /** Builds the view of {@code a} with the violations that concern it. */
    public static AllocationReport of(Allocation a, List<Violation> violations, AvTopology topo) {
        Map<String, Integer> errors = new LinkedHashMap<>();
        a.errors().forEach((code, n) -> errors.put(code + (a.errorReasons().containsKey(code)
                ? " " + a.errorReasons().get(code).strip() : ""), n));
        Map<String, String> channels = new LinkedHashMap<>();
        a.channels().forEach((ch, peer) -> channels.put(String.format("0x%04X", ch), peer.toString()));
        Media media = new Media(a.clientToServerData().packets(), a.clientToServerData().bytes(),
                a.serverToClientData().packets(), a.serverToClientData().bytes(), a.peerToRelay().packets(),
                a.peerToRelay().bytes(), a.relayToPeer().packets(), a.relayToPeer().bytes());
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparing(Violation::severity).reversed());
        List<Finding> findings = sorted.stream().map(v -> new Finding(v.kind().name(), v.severity().label(), v.ruleId(),
                v.why(), v.explanation(), v.evidence().firstPackets().stream().map(PacketRef::toString).toList())).toList();
        String verdict;
        String sentence;
        if (!sorted.isEmpty()) {
            Violation worst = sorted.get(0);
            verdict = worst.kind().name();
            sentence = (worst.severity() == Severity.ERROR ? "BROKEN: " : worst.severity() == Severity.WARNING
                    ? "WARNING: " : "NOTE: ") + worst.explanation();
        } else if (a.allocated()) {
            verdict = "ok";
            sentence = "OK: " + topo.describe(a.server().ip()) + " allocated " + text(a.relayed())
                    + " for " + a.client() + (a.mapped() != null ? " (seen as " + a.mapped() + ")" : "")
                    + "; responses came from the address the requests went to.";
        } else if (!a.isTurn()) {
            verdict = "stun-only";
            sentence = "STUN only: " + a.requests() + " request(s), " + a.responses() + " response(s)"
                    + (a.mapped() != null ? ", mapped address " + a.mapped() : "") + ".";
        } else {
            verdict = "incomplete";
            sentence = "No allocation completed in this capture (" + a.requests() + " request(s), " + a.responses()
                    + " response(s)).";
        }
        List<Step> steps = a.timeline().stream().map(e -> new Step(Instant.ofEpochSecond(0, e.timestampNanos()).toString(),
                e.ref() == null ? "" : e.ref().toString(), e.text())).toList();
        return new AllocationReport(a.capturePoint(), a.firstFlowUid(), a.client().toString(), a.server().toString(),
                topo.describe(a.server().ip()), a.transport(), a.framing(), a.dialect() == null ? "" : a.dialect().label(),
                a.msVersion(), nz(a.realm()), nz(a.username()), nz(a.software()), nz(a.serverSoftware()), a.requests(), a.responses(),
                a.unanswered(), errors, text(a.mapped()), text(a.relayed()), text(a.relayedIpv6()), a.lifetime(),
                a.refreshes(), a.permissions().stream().map(TransportAddress::toString).toList(), channels, media,
                verdict, sentence, findings, steps, a.timelineDropped());
    }

    private static String text(TransportAddress t) {
        return t == null ? "" : t.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

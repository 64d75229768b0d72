package io.edgeaudit.inspect.av;

import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.inspect.stun.StunDialect;
import io.edgeaudit.inspect.stun.TransportAddress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one client did with one STUN/TURN server over one transport, as seen at one capture point: its
 * transactions, the addresses the server handed out, and the media that used them. Groups that never
 * sent an Allocate are STUN-only (Binding) sessions. Mutable while the capture is read (the inspector is
 * the only writer), then read only.
 */
public final class Allocation {
    /** Timeline entries kept per allocation; later events are counted, not kept. */
    public static final int MAX_TIMELINE = 200;
    /** Transactions kept per allocation. */
    public static final int MAX_TRANSACTIONS = 1000;

    /** One line of the timeline. */
    public record Event(long timestampNanos, PacketRef ref, String text) {
    }

    /** Packets and bytes of application data. */
    public static final class Counter {
        long packets;
        long bytes;

        void add(long n) {
            packets++;
            bytes += n;
        }

        public long packets() {
            return packets;
        }

        public long bytes() {
            return bytes;
        }
    }

    private final String capturePoint;
    private final TransportAddress client;
    private final TransportAddress server;
    private final String transport;
    private final String firstFlowUid;
    private String framing;
    private StunDialect dialect;
    private long msVersion = -1;
    private String realm;
    private String username;
    private String software;
    private String serverSoftware;
    private int requests;
    private int responses;
    private int unanswered;
    private final Map<Integer, Integer> errors = new TreeMap<>();
    private final Map<Integer, String> errorReasons = new TreeMap<>();
    private int allocateRequests;
    private int allocateSuccesses;
    private long allocatedAt = -1;
    private PacketRef allocatedRef;
    private TransportAddress mapped;
    private TransportAddress relayed;
    private TransportAddress relayedIpv6;
    private long lifetime = -1;
    private int refreshes;
    private final Set<TransportAddress> permissions = new LinkedHashSet<>();
    private final Map<Integer, TransportAddress> channels = new LinkedHashMap<>();
    private final Counter clientToServerData = new Counter();
    private final Counter serverToClientData = new Counter();
    private final Counter peerToRelay = new Counter();
    private final Counter relayToPeer = new Counter();
    private final List<AvTransaction> transactions = new ArrayList<>();
    private final List<Event> timeline = new ArrayList<>();
    private int timelineDropped;
    private long tsFirst = Long.MAX_VALUE;
    private long tsLast = Long.MIN_VALUE;

    Allocation(String capturePoint, TransportAddress client, TransportAddress server, String transport,
               String firstFlowUid) {
        this.capturePoint = capturePoint;
        this.client = client;
        this.server = server;
        this.transport = transport;
        this.firstFlowUid = firstFlowUid;
    }

    void event(long ts, PacketRef ref, String text) {
        tsFirst = Math.min(tsFirst, ts);
        tsLast = Math.max(tsLast, ts);
        if (timeline.size() < MAX_TIMELINE) {
            timeline.add(new Event(ts, ref, text));
        } else {
            timelineDropped++;
        }
    }

    void touch(long ts) {
        tsFirst = Math.min(tsFirst, ts);
        tsLast = Math.max(tsLast, ts);
    }

    void addTransaction(AvTransaction t) {
        requests++;
        if (transactions.size() < MAX_TRANSACTIONS) {
            transactions.add(t);
        }
    }

    void dialect(StunDialect d) {
        if (dialect == null || d == StunDialect.MS_TURN) {
            dialect = d;
        }
    }

    void framing(String f) {
        if (framing == null) {
            framing = f;
        }
    }

    void msVersion(long v) {
        if (v >= 0) {
            msVersion = v;
        }
    }

    void realm(String r) {
        if (r != null) {
            realm = bounded(r);
        }
    }

    void username(String u) {
        if (u != null) {
            username = bounded(u);
        }
    }

    /** SOFTWARE of a request: the client's (RFC 8489 14.14); the first one seen is kept. */
    void software(String s) {
        if (s != null && software == null) {
            software = bounded(s);
        }
    }

    /** SOFTWARE of a response: the server's; the first one seen is kept. */
    void serverSoftware(String s) {
        if (s != null && serverSoftware == null) {
            serverSoftware = bounded(s);
        }
    }

    /** Longest text kept from a packet's REALM, USERNAME or SOFTWARE, in chars. */
    public static final int MAX_TEXT = 256;
    static final String TRUNCATED = "...(truncated)";

    /**
     * {@code s} cut to {@link #MAX_TEXT} chars with a visible mark: these strings come from packets and
     * end up in every report, so a hostile peer must not be able to blow them up (RFC 8489 allows up to
     * 763 bytes of USERNAME/REALM and 763 chars of SOFTWARE).
     */
    static String bounded(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - TRUNCATED.length()) + TRUNCATED;
    }

    void response() {
        responses++;
    }

    void error(int code, String reason) {
        errors.merge(code, 1, Integer::sum);
        if (reason != null) {
            errorReasons.putIfAbsent(code, reason);
        }
    }

    void allocateRequest() {
        allocateRequests++;
    }

    void allocated(long ts, PacketRef ref, TransportAddress mapped, TransportAddress relayed,
                   TransportAddress relayedIpv6, long lifetime) {
        allocateSuccesses++;
        if (allocatedAt < 0) {
            allocatedAt = ts;
            allocatedRef = ref;
        } else {
            refreshes++; // [MS-TURN] refreshes an allocation with another Allocate on the same 5-tuple
        }
        if (mapped != null) {
            this.mapped = mapped;
        }
        if (relayed != null) {
            this.relayed = relayed;
        }
        if (relayedIpv6 != null) {
            this.relayedIpv6 = relayedIpv6;
        }
        if (lifetime >= 0) {
            this.lifetime = lifetime;
        }
    }

    void mappedFromBinding(TransportAddress m) {
        if (m != null && mapped == null) {
            mapped = m;
        }
    }

    void refreshed(long lifetime) {
        refreshes++;
        if (lifetime >= 0) {
            this.lifetime = lifetime;
        }
    }

    void permission(TransportAddress peer) {
        permissions.add(peer);
    }

    void channel(int number, TransportAddress peer) {
        channels.put(number, peer);
    }

    void unanswered(int n) {
        unanswered = n;
    }

    Counter clientToServer() {
        return clientToServerData;
    }

    Counter serverToClient() {
        return serverToClientData;
    }

    Counter peerToRelayCounter() {
        return peerToRelay;
    }

    Counter relayToPeerCounter() {
        return relayToPeer;
    }

    public String capturePoint() {
        return capturePoint;
    }

    /** The requester, as seen at this capture point. */
    public TransportAddress client() {
        return client;
    }

    /** The address the requests were sent to (a VIP or a node). */
    public TransportAddress server() {
        return server;
    }

    /** "udp" or "tcp". */
    public String transport() {
        return transport;
    }

    /** "udp", "pseudo-tls", "rfc4571" or "tcp" (plain TURN over TCP). */
    public String framing() {
        return framing == null ? transport : framing;
    }

    public String firstFlowUid() {
        return firstFlowUid;
    }

    /** Null when only malformed messages were seen. */
    public StunDialect dialect() {
        return dialect;
    }

    /** MS-Version, or -1. */
    public long msVersion() {
        return msVersion;
    }

    public String realm() {
        return realm;
    }

    public String username() {
        return username;
    }

    /** The client's SOFTWARE (from its requests), at most {@link #MAX_TEXT} chars, or null. */
    public String software() {
        return software;
    }

    /** The server's SOFTWARE (from its responses), at most {@link #MAX_TEXT} chars, or null. */
    public String serverSoftware() {
        return serverSoftware;
    }

    public int requests() {
        return requests;
    }

    public int responses() {
        return responses;
    }

    /** Requests that got no response in this capture. */
    public int unanswered() {
        return unanswered;
    }

    /** Error responses by code (401, 436, 437, 438, 486, 508, ...). */
    public Map<Integer, Integer> errors() {
        return Collections.unmodifiableMap(errors);
    }

    public Map<Integer, String> errorReasons() {
        return Collections.unmodifiableMap(errorReasons);
    }

    /** True when the client sent at least one Allocate. */
    public boolean isTurn() {
        return allocateRequests > 0;
    }

    public int allocateRequests() {
        return allocateRequests;
    }

    /** True when an Allocate succeeded. */
    public boolean allocated() {
        return allocateSuccesses > 0;
    }

    /** Timestamp of the first successful Allocate response, or -1. */
    public long allocatedAt() {
        return allocatedAt;
    }

    public PacketRef allocatedRef() {
        return allocatedRef;
    }

    /** The reflexive address the server reported (XOR-MAPPED-ADDRESS), or null. */
    public TransportAddress mapped() {
        return mapped;
    }

    /** The relayed transport address, or null. */
    public TransportAddress relayed() {
        return relayed;
    }

    public TransportAddress relayedIpv6() {
        return relayedIpv6;
    }

    /** Seconds, or -1. */
    public long lifetime() {
        return lifetime;
    }

    public int refreshes() {
        return refreshes;
    }

    public Set<TransportAddress> permissions() {
        return Collections.unmodifiableSet(permissions);
    }

    public Map<Integer, TransportAddress> channels() {
        return Collections.unmodifiableMap(channels);
    }

    /** Data the client sent through the server (Send, ChannelData, MS-TURN 0x03 frames). */
    public Counter clientToServerData() {
        return clientToServerData;
    }

    /** Data the server delivered to the client (Data indications, ChannelData, 0x03 frames). */
    public Counter serverToClientData() {
        return serverToClientData;
    }

    /** Packets peers sent to the relayed address (flows seen at this capture point). */
    public Counter peerToRelay() {
        return peerToRelay;
    }

    /** Packets the relayed address sent to peers. */
    public Counter relayToPeer() {
        return relayToPeer;
    }

    public List<AvTransaction> transactions() {
        return Collections.unmodifiableList(transactions);
    }

    public List<Event> timeline() {
        return Collections.unmodifiableList(timeline);
    }

    public int timelineDropped() {
        return timelineDropped;
    }

    public long tsFirst() {
        return tsFirst;
    }

    public long tsLast() {
        return tsLast;
    }

    /** "203.0.113.10:50123 -> 198.51.100.10:3478 udp". */
    @Override
    public String toString() {
        return client + " -> " + server + " " + transport;
    }
}

package io.edgeaudit.inspect.av;

import io.edgeaudit.capture.Frame;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.Weird;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketObserver;
import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.inspect.stream.StreamReassembler;
import io.edgeaudit.inspect.stun.ChannelData;
import io.edgeaudit.inspect.stun.StunClass;
import io.edgeaudit.inspect.stun.StunDecodeResult;
import io.edgeaudit.inspect.stun.StunDecoder;
import io.edgeaudit.inspect.stun.StunEvents;
import io.edgeaudit.inspect.stun.StunMessage;
import io.edgeaudit.inspect.stun.StunMethod;
import io.edgeaudit.inspect.stun.StunStreamFramer;
import io.edgeaudit.inspect.stun.TransportAddress;
import io.edgeaudit.net.IpAddress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The A/V inspector: decodes STUN/TURN/MS-TURN in the flows the flow table offers (UDP datagrams; TCP
 * streams reassembled per direction into a bounded buffer), pairs requests and responses by transaction
 * id, and groups them into {@link Allocation}s per (client, server, transport). One inspector per capture
 * point: vantage points are never merged into one timeline. Not thread-safe.
 *
 * <p>Cost: one map lookup per packet of a wanted flow; flows that show no STUN in their first
 * {@value #MAX_NON_STUN_PACKETS} payload packets are dropped from inspection. Allocates per decoded STUN
 * message (control traffic), not per media packet.
 */
public final class AvInspector implements PacketObserver {
    /** Payload packets without STUN after which a flow is no longer inspected. */
    static final int MAX_NON_STUN_PACKETS = 4;
    /** Largest unit a stream must hold whole: a STUN message of 20 + 65,535 bytes, plus slack. */
    static final int STREAM_CAPACITY = 20 + 65_535 + 64;
    /**
     * Transactions remembered per capture point (about 1 KiB each); beyond this, requests are still
     * counted on their allocation but responses are no longer paired with them.
     */
    static final int MAX_TRANSACTIONS = 100_000;

    /**
     * Which flows to look at.
     *
     * @param relayPortMin  lowest A/V relay port (50000 in the seed's tables)
     * @param relayPortMax  highest A/V relay port (59999)
     * @param inspectAllUdp decode every UDP flow (ICE checks use any port), not only 3478 and the relay range
     * @param inspectAllTcp decode every TCP flow, not only 443, 3478, 5349 and the relay range
     */
    public record Options(int relayPortMin, int relayPortMax, boolean inspectAllUdp, boolean inspectAllTcp) {
        public static Options defaults() {
            return new Options(50_000, 59_999, true, false);
        }

        boolean relayPort(int port) {
            return port >= relayPortMin && port <= relayPortMax;
        }
    }

    private record GroupKey(TransportAddress client, TransportAddress server, String transport) {
    }

    /** Per-flow inspection state. */
    private final class FlowState {
        boolean ignored;
        boolean stun;
        int nonStun;
        StreamReassembler origStream;
        StreamReassembler respStream;
        StunStreamFramer origFramer;
        StunStreamFramer respFramer;
        boolean pseudoTls;

        StreamReassembler stream(boolean fromOrig) {
            if (fromOrig) {
                if (origStream == null) {
                    origFramer = new StunStreamFramer(events);
                    origStream = new StreamReassembler(STREAM_CAPACITY, origFramer);
                }
                return origStream;
            }
            if (respStream == null) {
                respFramer = new StunStreamFramer(events);
                respStream = new StreamReassembler(STREAM_CAPACITY, respFramer);
            }
            return respStream;
        }

        String framing() {
            StunStreamFramer f = origFramer != null ? origFramer : respFramer;
            if (f == null) {
                return "tcp";
            }
            return switch (f.mode()) {
                case MS_TURN_FRAMED, PSEUDO_TLS -> pseudoTls ? "pseudo-tls" : "ms-tcp";
                case RFC4571 -> "rfc4571";
                default -> "tcp";
            };
        }
    }

    /** Marks flows no inspector wants, for {@link CapturePointInspectors}. */
    static final AvInspector IGNORE = new AvInspector("", new Anomalies(), Options.defaults());

    private final String capturePoint;
    private final Anomalies anomalies;
    private final Options options;
    private final Map<Flow, FlowState> states = new HashMap<>();
    private final List<Flow> flows = new ArrayList<>();
    private final Map<String, AvTransaction> transactions = new HashMap<>();
    private final Map<AvTransaction, Allocation> owner = new HashMap<>();
    private final Map<GroupKey, Allocation> allocations = new LinkedHashMap<>();
    private final Map<String, Long> messageCounts = new HashMap<>();
    private final Events events = new Events();
    private long malformed;
    private long channelData;

    // the packet being inspected, for the StunEvents callbacks
    private Flow curFlow;
    private FlowState curState;
    private boolean curFromOrig;
    private Packet curPacket;
    private int curPayloadOffset;

    /**
     * @param capturePoint name of the vantage point, carried into every allocation
     * @param anomalies    where STUN_MALFORMED, STREAM_GAP and STREAM_BUFFER_OVERFLOW are counted
     */
    public AvInspector(String capturePoint, Anomalies anomalies, Options options) {
        this.capturePoint = capturePoint;
        this.anomalies = anomalies;
        this.options = options;
    }

    @Override
    public boolean wants(Flow flow) {
        boolean udp = flow.transport() == Packet.UDP;
        boolean tcp = flow.transport() == Packet.TCP;
        if (!udp && !tcp) {
            return false;
        }
        int a = flow.origPort();
        int b = flow.respPort();
        boolean relay = options.relayPort(a) || options.relayPort(b);
        boolean stunPort = a == 3478 || b == 3478;
        if (udp) {
            flows.add(flow);
            return options.inspectAllUdp() || stunPort || relay;
        }
        boolean tcpStun = stunPort || a == 443 || b == 443 || a == 5349 || b == 5349;
        if (tcpStun || relay || options.inspectAllTcp()) {
            flows.add(flow);
        }
        return tcpStun || options.inspectAllTcp();
    }

    @Override
    public boolean onPacket(Flow flow, boolean fromOrig, Packet packet) {
        FlowState st = states.get(flow);
        if (st == null) {
            st = new FlowState();
            states.put(flow, st);
        }
        if (st.ignored) {
            return false;
        }
        curFlow = flow;
        curState = st;
        curFromOrig = fromOrig;
        curPacket = packet;
        try {
            if (packet.isUdp()) {
                udp(st, packet);
            } else if (packet.isTcp()) {
                tcp(st, fromOrig, packet);
            }
        } finally {
            curPacket = null;
        }
        return !st.ignored;
    }

    @Override
    public void flowEnded(Flow flow) {
        FlowState st = states.get(flow);
        if (st != null) {
            // release the stream buffers; the flow's counters stay with the Flow
            st.origStream = null;
            st.respStream = null;
            st.ignored = true;
        }
    }

    private void udp(FlowState st, Packet p) {
        int off = p.payloadOffset;
        int len = p.capturedPayloadLength;
        if (len <= 0) {
            return;
        }
        curPayloadOffset = off;
        byte[] buf = p.buf;
        if (StunDecoder.firstByteIsStun(buf, off, len)) {
            StunDecodeResult r = StunDecoder.decode(buf, off, len);
            if (r instanceof StunDecodeResult.Decoded d) {
                st.stun = true;
                events.message(d.message());
                return;
            }
            if (r instanceof StunDecodeResult.Malformed m) {
                if (p.capturedPayloadLength < p.wirePayloadLength) {
                    return; // the snaplen cut it; the decoder already counted truncated_by_snaplen
                }
                st.stun = true;
                malformed++;
                anomalies.report(Weird.STUN_MALFORMED, p.frame, off - p.frame.dataOffset() + m.offset());
                return;
            }
        } else if (st.stun && ChannelData.isValidDatagram(buf, off, len)) {
            events.channelData(ChannelData.channel(buf, off), ChannelData.dataLength(buf, off));
            return;
        }
        if (!st.stun && ++st.nonStun >= MAX_NON_STUN_PACKETS) {
            st.ignored = true;
        }
    }

    private void tcp(FlowState st, boolean fromOrig, Packet p) {
        StreamReassembler stream = st.stream(fromOrig);
        if ((p.tcpFlags & Packet.TCP_SYN) != 0) {
            stream.syn(p.tcpSeq);
        }
        int len = p.capturedPayloadLength;
        if (len <= 0) {
            return;
        }
        curPayloadOffset = p.payloadOffset;
        // a segment the snaplen cut leaves a hole the next segment reports as a gap
        StunStreamFramer before = fromOrig ? st.origFramer : st.respFramer;
        boolean framing = before != null && before.framing();
        StreamReassembler.Outcome o = stream.offer(p.tcpSeq, p.buf, p.payloadOffset, len);
        if (o == StreamReassembler.Outcome.GAP && framing) {
            // only a stream known to carry STUN loses something; a TLS stream still being sniffed does not
            anomalies.report(Weird.STREAM_GAP, p.frame, p.payloadOffset - p.frame.dataOffset());
        } else if (o == StreamReassembler.Outcome.OVERFLOW) {
            anomalies.report(Weird.STREAM_BUFFER_OVERFLOW, p.frame, p.payloadOffset - p.frame.dataOffset());
        }
        StunStreamFramer mine = fromOrig ? st.origFramer : st.respFramer;
        if (mine != null && mine.mode() == StunStreamFramer.Mode.NOT_STUN && mine.messages() == 0) {
            // the originator decides: a client that does not speak STUN makes the flow uninteresting
            if (fromOrig || st.origFramer == null || st.origFramer.mode() == StunStreamFramer.Mode.NOT_STUN) {
                st.ignored = true;
                st.origStream = null;
                st.respStream = null;
            }
        }
    }

    private TransportAddress src() {
        Packet p = curPacket;
        return new TransportAddress(IpAddress.copyOf(p.buf, p.srcAddrOffset, p.addrLength), p.srcPort);
    }

    private TransportAddress dst() {
        Packet p = curPacket;
        return new TransportAddress(IpAddress.copyOf(p.buf, p.dstAddrOffset, p.addrLength), p.dstPort);
    }

    private PacketRef ref() {
        Frame f = curPacket.frame;
        return f.file() == null
                ? new PacketRef(-1, "", f.packetNumber(), f.timestampNanos())
                : new PacketRef(f.file().index(), f.file().name(), f.packetNumber(), f.timestampNanos());
    }

    private Allocation group(TransportAddress client, TransportAddress server) {
        String transport = curFlow.transportName();
        Allocation a = allocations.computeIfAbsent(new GroupKey(client, server, transport),
                k -> new Allocation(capturePoint, client, server, transport, curFlow.uid()));
        a.framing(curPacket.isUdp() ? "udp" : curState.framing());
        return a;
    }

    /** The allocation this packet's data belongs to, in either direction, or null. */
    private Allocation dataGroup(TransportAddress src, TransportAddress dst, boolean[] fromClient) {
        String transport = curFlow.transportName();
        Allocation a = allocations.get(new GroupKey(src, dst, transport));
        if (a != null) {
            fromClient[0] = true;
            return a;
        }
        a = allocations.get(new GroupKey(dst, src, transport));
        fromClient[0] = false;
        return a;
    }

    /** Ends the capture: counts unanswered requests and the media on every relayed address. */
    public AvCapture finish() {
        Map<TransportAddress, List<Allocation>> byRelay = new HashMap<>();
        for (Allocation a : allocations.values()) {
            int unanswered = 0;
            for (AvTransaction t : a.transactions()) {
                if (!t.answered()) {
                    unanswered++;
                }
            }
            a.unanswered(unanswered);
            if (a.relayed() != null) {
                byRelay.computeIfAbsent(a.relayed(), k -> new ArrayList<>()).add(a);
            }
        }
        if (!byRelay.isEmpty()) {
            for (Flow f : flows) {
                TransportAddress orig = new TransportAddress(f.origAddr(), f.origPort());
                TransportAddress resp = new TransportAddress(f.respAddr(), f.respPort());
                countRelayMedia(byRelay.get(orig), f, true);
                countRelayMedia(byRelay.get(resp), f, false);
            }
        }
        return new AvCapture(capturePoint, new ArrayList<>(allocations.values()), transactions, flows,
                messageCounts, malformed, channelData);
    }

    private static void countRelayMedia(List<Allocation> owners, Flow f, boolean relayIsOrig) {
        if (owners == null) {
            return;
        }
        for (Allocation a : owners) {
            Allocation.Counter out = a.relayToPeerCounter();
            Allocation.Counter in = a.peerToRelayCounter();
            var relaySide = relayIsOrig ? f.orig() : f.resp();
            var peerSide = relayIsOrig ? f.resp() : f.orig();
            out.packets += relaySide.packets();
            out.bytes += relaySide.payloadBytes();
            in.packets += peerSide.packets();
            in.bytes += peerSide.payloadBytes();
        }
    }

    /** Receives what the datagram decoder and the stream framers find, for the current packet. */
    private final class Events implements StunEvents {
        @Override
        public void message(StunMessage m) {
            messageCounts.merge(m.dialect().label() + " " + m.describe(), 1L, Long::sum);
            TransportAddress src = src();
            TransportAddress dst = dst();
            long ts = curPacket.frame.timestampNanos();
            boolean dataRequest = m.method() == StunMethod.SEND || m.method() == StunMethod.DATA;
            if (m.messageClass() == StunClass.INDICATION || dataRequest) {
                indication(m, src, dst);
                return;
            }
            if (m.messageClass() == StunClass.REQUEST) {
                request(m, src, dst, ts);
            } else {
                response(m, src, dst, ts);
            }
        }

        private void indication(StunMessage m, TransportAddress src, TransportAddress dst) {
            boolean[] fromClient = new boolean[1];
            Allocation a = dataGroup(src, dst, fromClient);
            if (a == null || m.method() == StunMethod.BINDING) {
                return; // keepalives, or data for an allocation made before the capture started
            }
            a.touch(curPacket.frame.timestampNanos());
            int n = Math.max(0, m.dataLength());
            (fromClient[0] ? a.clientToServer() : a.serverToClient()).add(n);
        }

        private void request(StunMessage m, TransportAddress src, TransportAddress dst, long ts) {
            AvTransaction seen = transactions.get(m.transactionId());
            if (seen != null) {
                seen.retransmitted();
                return;
            }
            Allocation a = group(src, dst);
            AvTransaction t = new AvTransaction(m, ref(), src, dst, curFlow.transportName(), curFlow.uid());
            if (transactions.size() < MAX_TRANSACTIONS) {
                transactions.put(m.transactionId(), t);
                owner.put(t, a);
            }
            a.addTransaction(t);
            a.dialect(m.dialect());
            a.msVersion(m.msVersion());
            a.realm(m.realm());
            a.username(m.username());
            a.software(m.software());
            StringBuilder text = new StringBuilder(m.describe()).append(' ').append(src).append(" -> ").append(dst);
            switch (m.method()) {
                case ALLOCATE -> {
                    a.allocateRequest();
                    if (m.requestedTransport() >= 0) {
                        text.append(", transport ").append(m.requestedTransport() == 17 ? "UDP" : m.requestedTransport() == 6 ? "TCP" : m.requestedTransport());
                    }
                    if (m.msVersion() >= 0) {
                        text.append(", MS-Version ").append(m.msVersion());
                    }
                }
                case CREATE_PERMISSION, CHANNEL_BIND, SET_ACTIVE_DESTINATION -> {
                    if (!m.peerAddresses().isEmpty()) {
                        text.append(", peer ").append(m.peerAddresses().get(0));
                    }
                    if (m.channelNumber() >= 0) {
                        text.append(String.format(", channel 0x%04X", m.channelNumber()));
                    }
                }
                default -> {
                }
            }
            if (m.lifetime() >= 0) {
                text.append(", lifetime ").append(m.lifetime()).append(" s");
            }
            a.event(ts, ref(), text.toString());
        }

        private void response(StunMessage m, TransportAddress src, TransportAddress dst, long ts) {
            AvTransaction t = transactions.get(m.transactionId());
            Allocation a = t == null ? null : owner.get(t);
            if (a == null) {
                a = group(dst, src); // the request was not captured: the addressee is the client
            }
            if (t != null) {
                t.answer(m, ref(), src, dst);
            }
            a.response();
            a.dialect(m.dialect());
            a.msVersion(m.msVersion());
            a.realm(m.realm());
            a.serverSoftware(m.software());
            StringBuilder text = new StringBuilder(m.describe()).append(' ').append(src).append(" -> ").append(dst);
            if (m.messageClass() == StunClass.ERROR) {
                a.error(m.errorCode(), m.errorReason());
                text.append(": ").append(m.errorCode());
                if (m.errorReason() != null && !m.errorReason().isBlank()) {
                    text.append(' ').append(m.errorReason().strip());
                }
            } else {
                StunMessage req = t == null ? null : t.request();
                switch (m.method()) {
                    case ALLOCATE -> a.allocated(ts, ref(), m.mappedAddress(), m.relayedAddress(), m.relayedIpv6(),
                            m.lifetime());
                    case REFRESH -> a.refreshed(m.lifetime());
                    case BINDING -> a.mappedFromBinding(m.mappedAddress());
                    case CREATE_PERMISSION, SET_ACTIVE_DESTINATION -> {
                        if (req != null) {
                            req.peerAddresses().forEach(a::permission);
                        }
                    }
                    case CHANNEL_BIND -> {
                        if (req != null && req.channelNumber() >= 0 && !req.peerAddresses().isEmpty()) {
                            a.channel(req.channelNumber(), req.peerAddresses().get(0));
                        }
                    }
                    default -> {
                    }
                }
                if (m.relayedAddress() != null) {
                    text.append(", relayed ").append(m.relayedAddress());
                }
                if (m.relayedIpv6() != null) {
                    text.append(", relayed IPv6 ").append(m.relayedIpv6());
                }
                if (m.mappedAddress() != null) {
                    text.append(", mapped ").append(m.mappedAddress());
                }
                if (m.lifetime() >= 0) {
                    text.append(", lifetime ").append(m.lifetime()).append(" s");
                }
            }
            if (t != null && !src.equals(t.requestDst())) {
                text.append(" (request went to ").append(t.requestDst()).append(')');
            }
            a.event(ts, ref(), text.toString());
        }

        @Override
        public void malformed(String reason) {
            malformed++;
            Packet p = curPacket;
            anomalies.report(Weird.STUN_MALFORMED, p.frame, curPayloadOffset - p.frame.dataOffset());
        }

        @Override
        public void channelData(int channel, int length) {
            channelData++;
            boolean[] fromClient = new boolean[1];
            Allocation a = dataGroup(src(), dst(), fromClient);
            if (a != null) {
                a.touch(curPacket.frame.timestampNanos());
                (fromClient[0] ? a.clientToServer() : a.serverToClient()).add(length);
            }
        }

        @Override
        public void relayedData(int length) {
            boolean[] fromClient = new boolean[1];
            Allocation a = dataGroup(src(), dst(), fromClient);
            if (a != null) {
                a.touch(curPacket.frame.timestampNanos());
                (fromClient[0] ? a.clientToServer() : a.serverToClient()).add(length);
            }
        }

        @Override
        public void pseudoTls(int handshakeType) {
            if (curState != null) {
                curState.pseudoTls = true;
            }
        }
    }
}

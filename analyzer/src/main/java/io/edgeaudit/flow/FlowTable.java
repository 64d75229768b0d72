package io.edgeaudit.flow;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.Direction;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.net.IpAddress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The bidirectional flow table: decoded packets in, ended {@link Flow}s out to a {@link FlowSink}.
 *
 * <p><b>Key.</b> A flow is keyed by (vantage, transport, both addresses, both ports, VLAN ids). The
 * vantage is a small id a {@link VantageResolver} gives each (input file, capture interface): with
 * {@link VantageResolver#SINGLE} every input is one vantage, as in Zeek and tshark; {@code analyze}
 * gives each capture point its own, so one conversation seen at two capture points is two flows. For ICMP the
 * "ports" follow Zeek: the originator's is its message type, the responder's the counterpart type
 * (echo request 8 pairs with echo reply 0, ...) or, for one-way messages, the code.
 *
 * <p><b>No allocation per packet.</b> Lookup hashes the address and port bytes where they lie in
 * the frame buffer (the hash is symmetric, so both directions land on the same slot) and compares
 * them against the stored key in an open-addressing table with linear probing. Objects are made
 * only when a flow starts (the two addresses are copied once into {@link IpAddress}es), for its
 * first {@link Flow#MAX_FIRST_PACKETS} packet references, and when a flow ends.
 *
 * <p><b>Originator.</b> The sender of a SYN without ACK. Without one, as Zeek decides on a
 * connection's first packet ({@code TCPAnalyzer::WantConnection} and {@code UDPAnalyzer::WantConnection}
 * in zeek/src/packet_analysis/protocol): the first packet's sender is the originator, except that
 * the roles are flipped when its source port is a likely server port (FlowConfig) and its
 * destination port is not; for TCP, when both ports are server ports, the lower port is taken as
 * the responder unless the first packet is a SYN-ACK; for UDP both-server-ports is not flipped.
 * Such flows have {@link Flow#directionInferred()} set, and a TCP flow that was flipped starts its
 * history with Zeek's {@code ^}.
 *
 * <p><b>End of a flow.</b> A flow ends after an inactivity timeout (FlowConfig: TCP 5 min, UDP and
 * other 1 min; a packet after the timeout starts the next flow of the key with {@code split + 1}),
 * {@link #CLOSE_LINGER_NANOS} after a TCP close completed (FIN both ways, a RST, or a close the peer
 * never answered; packets in the linger, such as the last ACK, still count; a new SYN in the linger
 * starts the next flow at once), or at {@link #finish()}. Time is capture time: the clock is the
 * largest packet timestamp seen, and idle flows are swept from the heads of per-timeout lists
 * every {@link #SWEEP_INTERVAL_NANOS} of it, so memory follows the live flows, not the capture size.
 * After its flow ends, a key stays in the table (without the flow) for one more timeout so that a
 * later flow of it is numbered as a split; then it is dropped.
 *
 * <p><b>ICMP errors.</b> An ICMP error (destination unreachable, time exceeded, ...) that quotes a packet
 * of a live flow at the same vantage is evidence about that flow: it is attached to it with
 * {@link Flow#icmpRefusal} (the first one) and makes no flow of its own (issue 2: "attached to that flow
 * as evidence that it was refused"), so it is not counted in the flow's packets either. An ICMP error
 * quoting nothing live is a flow of its own, as in Zeek's conn.log.
 *
 * <p>Not thread-safe: one table per pipeline.
 */
public final class FlowTable {
    /** How long a TCP flow stays after its close completed (Zeek's tcp_close_delay, 5 s). */
    public static final long CLOSE_LINGER_NANOS = 5_000_000_000L;
    /** Capture time between expiry sweeps. */
    public static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;
    /** Most observers a table feeds (their wants are kept as bits of an int). */
    public static final int MAX_OBSERVERS = 31;
    /** Largest vantage id a {@link VantageResolver} may return. */
    public static final int MAX_VANTAGE = 0xffff;
    /** Inputs and interfaces per input whose vantage is cached (others are asked on every frame). */
    private static final int MAX_CACHED_FILES = 4096;
    private static final int MAX_CACHED_INTERFACES = 256;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int INITIAL_CAPACITY = 1024;
    /** The hash of an empty slot; {@link #keyHash} never returns it. */
    private static final int EMPTY = 0;

    private static final int LIST_TCP = 0;
    private static final int LIST_UDP = 1;
    private static final int LIST_OTHER = 2;
    private static final int LIST_CLOSING = 3;
    private static final int DORMANT_OFFSET = 4; // dormant list of class c is c + 4
    private static final int LIVE_LISTS = 4;

    private final FlowConfig config;
    private final FlowSink sink;
    private final PacketObserver[] observers;
    private final VantageResolver vantages;
    /** [file][interface + 1] → vantage + 1 (0: not asked yet), with the interface name it was asked for. */
    private int[][] vantageCache = new int[0][];
    private String[][] vantageCacheName = new String[0][];
    private final ExpiryList[] lists = new ExpiryList[7];

    private FlowEntry[] slots = new FlowEntry[INITIAL_CAPACITY];
    /**
     * hashes[i] == slots[i].hash, or {@link #EMPTY} for an empty slot: probing reads only this array,
     * never the entries it passes over (each would be a cache miss).
     */
    private int[] hashes = new int[INITIAL_CAPACITY];
    private int mask = INITIAL_CAPACITY - 1;
    private int entries;

    private long clock = Long.MIN_VALUE;
    private long nextSweep = Long.MIN_VALUE;
    private long flowsCreated;
    /** Added to a flow's ordinal in its uid: see {@link #numberUidsAfter}. */
    private long uidBase;
    private long packetsWithoutFlow;
    private long icmpErrorsAttached;
    private long liveFlows;
    private long peakLiveFlows;

    /** Set by {@link #find}: whether the probed packet travels orig to resp of the entry found. */
    private boolean foundFromOrig;

    /**
     * @param observers inspectors fed with the packets of the flows they want, at most
     *                  {@link #MAX_OBSERVERS}; asked once per flow when it starts
     */
    public FlowTable(FlowConfig config, FlowSink sink, List<? extends PacketObserver> observers) {
        this(config, sink, observers, VantageResolver.SINGLE);
    }

    /**
     * @param observers inspectors fed with the packets of the flows they want, at most
     *                  {@link #MAX_OBSERVERS}; asked once per flow when it starts
     * @param vantages  which vantage each frame was seen from (part of the flow key)
     */
    public FlowTable(FlowConfig config, FlowSink sink, List<? extends PacketObserver> observers,
                     VantageResolver vantages) {
        this.config = Objects.requireNonNull(config, "config");
        this.vantages = Objects.requireNonNull(vantages, "vantages");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (observers.size() > MAX_OBSERVERS) {
            throw new IllegalArgumentException(observers.size() + " observers (expected: at most " + MAX_OBSERVERS + ")");
        }
        this.observers = observers.toArray(new PacketObserver[0]);
        long tcp = config.tcpTimeout().toNanos();
        long udp = config.udpTimeout().toNanos();
        long other = config.otherTimeout().toNanos();
        lists[LIST_TCP] = new ExpiryList(LIST_TCP, tcp);
        lists[LIST_UDP] = new ExpiryList(LIST_UDP, udp);
        lists[LIST_OTHER] = new ExpiryList(LIST_OTHER, other);
        lists[LIST_CLOSING] = new ExpiryList(LIST_CLOSING, CLOSE_LINGER_NANOS);
        lists[DORMANT_OFFSET + LIST_TCP] = new ExpiryList(DORMANT_OFFSET + LIST_TCP, tcp);
        lists[DORMANT_OFFSET + LIST_UDP] = new ExpiryList(DORMANT_OFFSET + LIST_UDP, udp);
        lists[DORMANT_OFFSET + LIST_OTHER] = new ExpiryList(DORMANT_OFFSET + LIST_OTHER, other);
    }

    public FlowTable(FlowConfig config, FlowSink sink) {
        this(config, sink, List.of());
    }

    /**
     * One decoded packet. Packets without an IP layer and transport, and TCP/UDP fragments whose
     * ports are unknown, are counted in {@link #packetsWithoutFlow()} and join no flow.
     */
    public void accept(Packet p) {
        if (!p.hasTransport() || ((p.transport == Packet.TCP || p.transport == Packet.UDP) && !p.hasPorts)) {
            packetsWithoutFlow++;
            return;
        }
        Frame frame = p.frame;
        long ts = frame.timestampNanos();
        if (ts > clock) {
            clock = ts;
        }
        if (clock >= nextSweep) {
            sweep();
            nextSweep = clock + SWEEP_INTERVAL_NANOS;
        }
        int t = p.transport;
        int sp;
        int dp;
        if (t == Packet.ICMP || t == Packet.ICMPV6) {
            sp = p.srcPort;
            dp = icmpCounterpart(t, p.srcPort, p.dstPort);
        } else if (t == Packet.TCP || t == Packet.UDP) {
            sp = p.srcPort;
            dp = p.dstPort;
        } else {
            sp = 0;
            dp = 0;
        }
        int v = vantageOf(frame);
        if (p.hasQuote() && attachRefusal(p, v)) {
            icmpErrorsAttached++;
            return; // evidence on the flow it refused, not a flow of its own
        }
        byte[] buf = p.buf;
        int len = p.addrLength;
        long srcHi = hi(buf, p.srcAddrOffset, len);
        long srcLo = lo(buf, p.srcAddrOffset, len);
        long dstHi = hi(buf, p.dstAddrOffset, len);
        long dstLo = lo(buf, p.dstAddrOffset, len);
        int hash = keyHash(v, t, p.vlanCount, p.outerVlan, p.innerVlan, srcHi, srcLo, sp, dstHi, dstLo, dp);
        int slot = find(hash, v, t, len, p.vlanCount, p.outerVlan, p.innerVlan, srcHi, srcLo, sp, dstHi, dstLo, dp);
        FlowEntry e = slots[slot];
        boolean fromOrig;
        if (e == null) {
            e = new FlowEntry(hash, v, t, len, p.vlanCount, p.outerVlan, p.innerVlan);
            slots[slot] = e;
            hashes[slot] = hash;
            entries++;
            fromOrig = start(e, p, IpAddress.copyOf(buf, p.srcAddrOffset, len), srcHi, srcLo, sp,
                    IpAddress.copyOf(buf, p.dstAddrOffset, len), dstHi, dstLo, dp, 0);
            if (entries * 2 > slots.length) {
                grow();
            }
        } else {
            fromOrig = foundFromOrig;
            if (e.flow != null && (lists[e.list].idle(e, clock) || isReuse(e, p))) {
                end(e);
            }
            if (e.flow == null) {
                // dormant: the next flow of this key; a split only if the last one ended recently
                int split = lists[e.list].idle(e, clock) ? 0 : e.nextSplit;
                lists[e.list].remove(e);
                IpAddress src = fromOrig ? e.origAddr : e.respAddr;
                IpAddress dst = fromOrig ? e.respAddr : e.origAddr;
                fromOrig = start(e, p, src, srcHi, srcLo, sp, dst, dstHi, dstLo, dp, split);
            }
        }
        update(e, p, fromOrig, ts);
    }

    /**
     * The frame's vantage id, from the cache per (file, interface); the resolver is asked on the first
     * frame of each, and again when a later pcapng section reuses the interface id for another name.
     */
    private int vantageOf(Frame frame) {
        if (vantages == VantageResolver.SINGLE) {
            return 0;
        }
        CaptureFile file = frame.file();
        int fi = file == null ? -1 : file.index();
        int ii = frame.interfaceIndex();
        String name = frame.interfaceName();
        if (fi < 0 || fi >= MAX_CACHED_FILES || ii < -1 || ii >= MAX_CACHED_INTERFACES) {
            return checkedVantage(fi, ii, name);
        }
        if (fi >= vantageCache.length) {
            vantageCache = Arrays.copyOf(vantageCache, fi + 1);
            vantageCacheName = Arrays.copyOf(vantageCacheName, fi + 1);
        }
        int[] ids = vantageCache[fi];
        if (ids == null || ii + 1 >= ids.length) {
            int n = Math.max(ii + 2, ids == null ? 4 : ids.length * 2);
            ids = vantageCache[fi] = ids == null ? new int[n] : Arrays.copyOf(ids, n);
            vantageCacheName[fi] = vantageCacheName[fi] == null ? new String[n] : Arrays.copyOf(vantageCacheName[fi], n);
        }
        String[] names = vantageCacheName[fi];
        int cached = ids[ii + 1];
        if (cached == 0 || names[ii + 1] != name) {
            cached = checkedVantage(fi, ii, name) + 1;
            ids[ii + 1] = cached;
            names[ii + 1] = name;
        }
        return cached - 1;
    }

    private int checkedVantage(int fileIndex, int interfaceIndex, String interfaceName) {
        int v = vantages.vantage(fileIndex, interfaceIndex, interfaceName);
        if (v < 0 || v > MAX_VANTAGE) {
            throw new IllegalStateException("vantage " + v + " (expected: 0 to " + MAX_VANTAGE + ")");
        }
        return v;
    }

    /** A SYN without ACK after the close completed opens a new connection on the same ports. */
    private static boolean isReuse(FlowEntry e, Packet p) {
        return e.transport == Packet.TCP && e.closeComplete()
                && (p.tcpFlags & (Packet.TCP_SYN | Packet.TCP_ACK)) == Packet.TCP_SYN;
    }

    /**
     * Starts a flow in {@code e} from its first packet {@code p} (src {@code sp}, dst {@code dp})
     * and returns whether {@code p} travels orig to resp.
     */
    private boolean start(FlowEntry e, Packet p, IpAddress src, long srcHi, long srcLo, int sp,
                          IpAddress dst, long dstHi, long dstLo, int dp, int split) {
        int t = e.transport;
        boolean flip;
        boolean inferred;
        if (t == Packet.TCP) {
            boolean syn = (p.tcpFlags & Packet.TCP_SYN) != 0;
            boolean ack = (p.tcpFlags & Packet.TCP_ACK) != 0;
            if (syn && !ack) {
                flip = false;
                inferred = false;
            } else {
                inferred = true;
                boolean srcServer = config.isTcpServerPort(sp);
                boolean dstServer = config.isTcpServerPort(dp);
                // Zeek TCPAnalyzer::WantConnection: both plausible -> flip only if not a SYN-ACK and dst > src
                flip = srcServer && (!dstServer || (!syn && sp < dp));
            }
        } else if (t == Packet.UDP) {
            inferred = true;
            flip = config.isUdpServerPort(sp) && !config.isUdpServerPort(dp);
        } else {
            inferred = true;
            flip = false;
        }
        if (flip) {
            e.orient(dst, dstHi, dstLo, dp, src, srcHi, srcLo, sp);
        } else {
            e.orient(src, srcHi, srcLo, sp, dst, dstHi, dstLo, dp);
        }
        Frame frame = p.frame;
        long ordinal = ++flowsCreated;
        String direction = directionLabel(frame.direction(), !flip);
        Flow flow = new Flow("F" + (uidBase + ordinal), t, e.origAddr, e.origPort, e.respAddr, e.respPort,
                e.vlanCount, e.outerVlan, e.innerVlan, frame.interfaceName(), direction, inferred, split,
                frame.timestampNanos(), e.vantage);
        e.flow = flow;
        e.ordinal = ordinal;
        e.refs = 0;
        e.tsLast = frame.timestampNanos();
        e.fileMask = 0;
        if (t == Packet.TCP) {
            e.resetTcp();
            if (flip) {
                e.flipped();
            }
        }
        int wanted = 0;
        for (int i = 0; i < observers.length; i++) {
            if (observers[i].wants(flow)) {
                wanted |= 1 << i;
            }
        }
        e.observerMask = wanted;
        e.endMask = wanted;
        e.lastClock = clock;
        lists[classOf(t)].append(e, clock);
        if (++liveFlows > peakLiveFlows) {
            peakLiveFlows = liveFlows;
        }
        return !flip;
    }

    private void update(FlowEntry e, Packet p, boolean fromOrig, long ts) {
        Frame frame = p.frame;
        int frameLength = frame.originalLength();
        if (fromOrig) {
            e.origPackets++;
            e.origFrameBytes += frameLength;
            e.origPayloadBytes += p.wirePayloadLength;
        } else {
            e.respPackets++;
            e.respFrameBytes += frameLength;
            e.respPayloadBytes += p.wirePayloadLength;
        }
        if (p.priorFragments > 0) {
            // later fragments that came before this first one joined no flow then; they belong here;
            // their frame lengths are not known any more
            if (fromOrig) {
                e.origPackets += p.priorFragments;
                e.origPayloadBytes += p.priorFragmentBytes;
            } else {
                e.respPackets += p.priorFragments;
                e.respPayloadBytes += p.priorFragmentBytes;
            }
        }
        if (ts > e.tsLast) {
            e.tsLast = ts;
        }
        CaptureFile file = frame.file();
        int fileIndex = file == null ? 0 : file.index();
        e.fileMask |= 1L << Math.min(fileIndex, 63);
        if (e.refs < Flow.MAX_FIRST_PACKETS) {
            e.refs++;
            e.flow.addPacketRef(new PacketRef(fileIndex, file == null ? "" : file.name(), frame.packetNumber(), ts));
        }
        e.lastClock = clock;
        if (e.transport == Packet.TCP) {
            e.onSegment(fromOrig, p.tcpFlags, p.tcpSeq, p.wirePayloadLength);
            if (e.closeComplete() && e.list != LIST_CLOSING) {
                lists[e.list].remove(e);
                lists[LIST_CLOSING].append(e, clock);
            }
        }
        int wanted = e.observerMask;
        if (wanted != 0) {
            Flow flow = e.flow;
            flush(e);
            int still = wanted;
            while (wanted != 0) {
                int i = Integer.numberOfTrailingZeros(wanted);
                wanted &= wanted - 1;
                if (!observers[i].onPacket(flow, fromOrig, p)) {
                    still &= ~(1 << i);
                }
            }
            e.observerMask = still;
        }
    }

    /** Adds the entry's pending counters to its flow. */
    private static void flush(FlowEntry e) {
        Flow flow = e.flow;
        Side o = flow.orig();
        o.packets += e.origPackets;
        o.frameBytes += e.origFrameBytes;
        o.payloadBytes += e.origPayloadBytes;
        Side r = flow.resp();
        r.packets += e.respPackets;
        r.frameBytes += e.respFrameBytes;
        r.payloadBytes += e.respPayloadBytes;
        if (e.tsLast > flow.tsLast()) {
            flow.tsLast(e.tsLast);
        }
        e.origPackets = 0;
        e.origFrameBytes = 0;
        e.origPayloadBytes = 0;
        e.respPackets = 0;
        e.respFrameBytes = 0;
        e.respPayloadBytes = 0;
    }

    /**
     * Finds the live flow, at vantage {@code v}, that the ICMP error's quoted packet belongs to and
     * attaches the error to it (the first error only); returns false when no live flow matches.
     */
    private boolean attachRefusal(Packet p, int v) {
        int qt = p.quotedTransport;
        if ((qt != Packet.TCP && qt != Packet.UDP) || !p.quotedHasPorts) {
            return false;
        }
        byte[] buf = p.buf;
        int len = p.quotedAddrLength;
        if (len != 4 && len != 16) {
            return false;
        }
        long srcHi = hi(buf, p.quotedSrcAddrOffset, len);
        long srcLo = lo(buf, p.quotedSrcAddrOffset, len);
        long dstHi = hi(buf, p.quotedDstAddrOffset, len);
        long dstLo = lo(buf, p.quotedDstAddrOffset, len);
        int hash = keyHash(v, qt, p.vlanCount, p.outerVlan, p.innerVlan, srcHi, srcLo, p.quotedSrcPort,
                dstHi, dstLo, p.quotedDstPort);
        int slot = find(hash, v, qt, len, p.vlanCount, p.outerVlan, p.innerVlan, srcHi, srcLo, p.quotedSrcPort,
                dstHi, dstLo, p.quotedDstPort);
        FlowEntry e = slots[slot];
        if (e == null || e.flow == null) {
            return false;
        }
        if (e.flow.icmpRefusal() != null) {
            return true;
        }
        Frame frame = p.frame;
        CaptureFile file = frame.file();
        PacketRef ref = new PacketRef(file == null ? 0 : file.index(), file == null ? "" : file.name(),
                frame.packetNumber(), frame.timestampNanos());
        e.flow.icmpRefusal(ref, IcmpText.describe(p.transport, p.srcPort, p.dstPort)
                + " from " + IpAddress.copyOf(buf, p.srcAddrOffset, p.addrLength));
        return true;
    }

    /**
     * Returns the slot holding the key, or the empty slot where it would go; sets
     * {@link #foundFromOrig} when found.
     */
    private int find(int hash, int v, int t, int len, int vlanCount, int outer, int inner, long srcHi, long srcLo, int sp,
                     long dstHi, long dstLo, int dp) {
        FlowEntry[] s = slots;
        int[] h = hashes;
        int m = mask;
        int i = hash & m;
        int hi;
        // probe the hashes alone: an entry is only touched (a likely cache miss) when its hash matches
        while ((hi = h[i]) != EMPTY) {
            FlowEntry e;
            if (hi == hash && (e = s[i]).vantage == v && e.transport == t && e.addrLength == len
                    && e.vlanCount == vlanCount && e.outerVlan == outer && e.innerVlan == inner) {
                if (e.origPort == sp && e.respPort == dp && e.origLo == srcLo && e.respLo == dstLo
                        && e.origHi == srcHi && e.respHi == dstHi) {
                    foundFromOrig = true;
                    return i;
                }
                if (e.origPort == dp && e.respPort == sp && e.origLo == dstLo && e.respLo == srcLo
                        && e.origHi == dstHi && e.respHi == srcHi) {
                    foundFromOrig = false;
                    return i;
                }
            }
            i = (i + 1) & m;
        }
        return i;
    }

    /** Emits every idle flow and drops every long-dormant key; amortised O(1) per packet. */
    private void sweep() {
        for (int l = 0; l < lists.length; l++) {
            ExpiryList list = lists[l];
            FlowEntry head;
            while ((head = list.head) != null && list.due(head, clock)) {
                if (!list.idle(head, clock)) {
                    list.requeue(head, clock); // had packets since it was queued: look again later
                } else if (l < LIVE_LISTS) {
                    end(head);
                } else {
                    list.remove(head);
                    delete(head);
                }
            }
        }
    }

    /** Ends the live flow of {@code e}: final state, observers, sink; the entry turns dormant. */
    private void end(FlowEntry e) {
        Flow flow = e.flow;
        flush(e);
        if (e.transport == Packet.TCP) {
            flow.history(e.history());
            flow.connState(e.connState(flow.orig().payloadBytes(), flow.resp().payloadBytes()));
            e.releaseTcp();
        } else if (e.transport == Packet.UDP) {
            // Zeek conn_state for UDP: which sides were active
            boolean o = flow.orig().packets() > 0;
            boolean r = flow.resp().packets() > 0;
            flow.connState(o ? (r ? "SF" : "S0") : (r ? "SHR" : "OTH"));
        } else {
            flow.connState("OTH");
        }
        int wanted = e.endMask;
        while (wanted != 0) {
            int i = Integer.numberOfTrailingZeros(wanted);
            wanted &= wanted - 1;
            observers[i].flowEnded(flow);
        }
        sink.flowEnded(flow);
        e.flow = null;
        e.observerMask = 0;
        e.endMask = 0;
        e.nextSplit = flow.split() + 1;
        lists[e.list].remove(e);
        e.lastClock = clock; // dormant from now: the key is kept one more timeout
        lists[DORMANT_OFFSET + classOf(e.transport)].append(e, clock);
        liveFlows--;
    }

    /**
     * Marks every live flow that had a packet from input {@code fileIndex} as partial (that input
     * stopped early, so the flow may have continued unseen). Flows that already ended are not
     * touched. Cost: one pass over the live flows.
     */
    public void markPartial(int fileIndex) {
        long bit = 1L << Math.min(fileIndex, 63);
        for (int l = 0; l < LIVE_LISTS; l++) {
            for (FlowEntry e = lists[l].head; e != null; e = e.next) {
                if ((e.fileMask & bit) != 0) {
                    e.flow.partial(true);
                }
            }
        }
    }

    /** End of input: emits every live flow, oldest first, and empties the table. */
    public void finish() {
        List<FlowEntry> live = new ArrayList<>();
        for (int l = 0; l < LIVE_LISTS; l++) {
            for (FlowEntry e = lists[l].head; e != null; e = e.next) {
                live.add(e);
            }
        }
        live.sort(Comparator.comparingLong(e -> e.ordinal));
        for (FlowEntry e : live) {
            end(e);
        }
        for (ExpiryList list : lists) {
            while (list.head != null) {
                list.remove(list.head);
            }
        }
        slots = new FlowEntry[INITIAL_CAPACITY];
        hashes = new int[INITIAL_CAPACITY];
        mask = INITIAL_CAPACITY - 1;
        entries = 0;
    }

    /**
     * Numbers this table's flows F{base + 1}, F{base + 2}, ... instead of from F1, so that tables run
     * one after another (av's, one per capture point) give each flow a uid of its own. Call it before the
     * first packet. {@link #flowsCreated()} still counts this table's flows alone.
     */
    public void numberUidsAfter(long base) {
        if (flowsCreated != 0) {
            throw new IllegalStateException("numberUidsAfter(" + base + ") after " + flowsCreated + " flows");
        }
        if (base < 0) {
            throw new IllegalArgumentException("uid base " + base + " (expected: 0 or more)");
        }
        uidBase = base;
    }

    /** Flows started so far (the last uid is "F" + this, plus any {@link #numberUidsAfter} base). */
    public long flowsCreated() {
        return flowsCreated;
    }

    /** ICMP errors attached to the live flow they quote instead of making a flow (see the class doc). */
    public long icmpErrorsAttached() {
        return icmpErrorsAttached;
    }

    /** Packets that joined no flow: no IP layer or transport, or fragments without ports. */
    public long packetsWithoutFlow() {
        return packetsWithoutFlow;
    }

    /** Flows currently live (not yet handed to the sink). */
    public long liveFlows() {
        return liveFlows;
    }

    /** The most flows live at one time. */
    public long peakLiveFlows() {
        return peakLiveFlows;
    }

    private static int classOf(int transport) {
        return transport == Packet.TCP ? LIST_TCP : transport == Packet.UDP ? LIST_UDP : LIST_OTHER;
    }

    private static String directionLabel(Direction d, boolean firstFromOrig) {
        if (d == null || d == Direction.UNKNOWN) {
            return null;
        }
        if (firstFromOrig) {
            return d.label();
        }
        return (d == Direction.INBOUND ? Direction.OUTBOUND : Direction.INBOUND).label();
    }

    /**
     * Zeek's ICMP "responder port": the counterpart type for request/reply pairs (so both travel in
     * one flow), else the code (ICMP4_counterpart / ICMP6_counterpart in zeek's ICMP analyzer).
     */
    static int icmpCounterpart(int transport, int type, int code) {
        if (transport == Packet.ICMP) {
            return switch (type) {
                case 8 -> 0;     // echo request -> reply
                case 0 -> 8;
                case 13 -> 14;   // timestamp
                case 14 -> 13;
                case 15 -> 16;   // information
                case 16 -> 15;
                case 10 -> 9;    // router solicitation -> advertisement
                case 9 -> 10;
                case 17 -> 18;   // address mask
                case 18 -> 17;
                default -> code;
            };
        }
        return switch (type) {
            case 128 -> 129;     // echo request -> reply
            case 129 -> 128;
            case 133 -> 134;     // router solicitation -> advertisement
            case 134 -> 133;
            case 135 -> 136;     // neighbor solicitation -> advertisement
            case 136 -> 135;
            case 130 -> 131;     // multicast listener query -> report
            case 131 -> 130;
            case 139 -> 140;     // node information query -> response
            case 140 -> 139;
            default -> code;
        };
    }

    private static int keyHash(int v, int t, int vlanCount, int outer, int inner, long srcHi, long srcLo, int sp,
                               long dstHi, long dstLo, int dp) {
        // symmetric: the two endpoint hashes are added, so A->B and B->A hash alike
        int h = endpointHash(srcHi, srcLo, sp) + endpointHash(dstHi, dstLo, dp);
        h ^= t * 0x27d4eb2f + (vlanCount == 0 ? 0 : outer * 0x165667b1 + inner) + v * 0x61c88647;
        h = mix(h);
        return h == EMPTY ? 1 : h;
    }

    private static int endpointHash(long hi, long lo, int port) {
        long x = (hi * 0x9e3779b97f4a7c15L + lo) * 0x9e3779b97f4a7c15L + port;
        return mix((int) (x ^ (x >>> 32)));
    }

    /** The first 8 bytes of a 16-byte address; 0 for IPv4. */
    private static long hi(byte[] buf, int off, int len) {
        return len == 16 ? (long) LONG.get(buf, off) : 0L;
    }

    /** The last 8 bytes of a 16-byte address, or the 4 bytes of an IPv4 one. */
    private static long lo(byte[] buf, int off, int len) {
        return len == 16 ? (long) LONG.get(buf, off + 8) : (int) INT.get(buf, off) & 0xffffffffL;
    }

    /** murmur3's 32-bit finaliser. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private void grow() {
        FlowEntry[] old = slots;
        slots = new FlowEntry[old.length * 2];
        hashes = new int[old.length * 2];
        mask = slots.length - 1;
        for (FlowEntry e : old) {
            if (e != null) {
                int i = e.hash & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = e;
                hashes[i] = e.hash;
            }
        }
    }

    /** Removes {@code e} from the table, shifting later entries of its probe run back (no tombstones). */
    private void delete(FlowEntry e) {
        int i = e.hash & mask;
        while (slots[i] != e) {
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            FlowEntry next = slots[j];
            if (next == null) {
                break;
            }
            int home = next.hash & mask;
            // leave it if its home lies cyclically in (i, j]: moving it to i would put it before its home
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                slots[i] = next;
                hashes[i] = next.hash;
                i = j;
            }
        }
        slots[i] = null;
        hashes[i] = EMPTY;
        entries--;
    }
}

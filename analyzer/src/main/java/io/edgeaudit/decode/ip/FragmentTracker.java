package io.edgeaudit.decode.ip;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.Weird;

import java.util.Arrays;
import java.util.HashMap;

/**
 * Gives later IP fragments the ports of their first fragment, so the flow table can put them in
 * their flow without reassembling anything. Groups are keyed as the reassembly rules key them:
 * (source, destination, protocol, identification) for IPv4 (RFC 791) and (source, destination,
 * identification) for IPv6 (RFC 8200 §4.5).
 *
 * <p>A first fragment stores its transport and ports. A later fragment that arrives before its first
 * is not kept: its group only counts it (and its bytes), and when the first fragment turns up, the
 * count is handed over on that packet ({@link Packet#priorFragments}) for the flow table. Groups live
 * {@code timeoutNanos} of capture time from their first packet, and at most {@code capacity} exist
 * (the oldest is dropped first). Fragments of a group whose first fragment never arrived are counted
 * as {@link Weird#FRAGMENT_WITHOUT_FIRST} when the group expires, is evicted, or at {@link #finish}.
 *
 * <p>Cost: a fragment that finds its group allocates nothing (the lookup uses a reused probe that
 * reads the addresses from the packet buffer). A new group allocates one {@code Group}, its copy
 * of the two addresses (8 or 32 bytes) and one hash-map node, about 150 bytes; at the default
 * capacity that bounds the tracker near 10 MB. Fragments are rare on the paths edgeaudit audits.
 * Not thread-safe: one per pipeline.
 */
public final class FragmentTracker {
    public static final int DEFAULT_CAPACITY = 65_536;
    /** RFC 8200 §4.5 and most stacks give up reassembly after 60 s; 30 s of capture time is ours. */
    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
    private static final int NO_PROTOCOL = -1;

    private final Anomalies anomalies;
    private final int capacity;
    private final long timeoutNanos;
    private final HashMap<Group, Group> groups = new HashMap<>();
    private final Group probe = new Group();
    /** Groups in creation order (oldest first), for expiry and eviction. */
    private Group oldest;
    private Group newest;

    public FragmentTracker(Anomalies anomalies) {
        this(anomalies, DEFAULT_CAPACITY, DEFAULT_TIMEOUT_NANOS);
    }

    /**
     * @param capacity     most groups kept at once (at least 1)
     * @param timeoutNanos capture time a group lives after its first packet
     */
    public FragmentTracker(Anomalies anomalies, int capacity, long timeoutNanos) {
        if (capacity < 1 || timeoutNanos < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " (expected: >= 1), timeout "
                    + timeoutNanos + " ns (expected: >= 0)");
        }
        this.anomalies = anomalies;
        this.capacity = capacity;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * A first fragment whose transport header has been decoded: remembers its transport and ports
     * for the rest of the group, and hands over the count of later fragments seen before it.
     */
    public void first(Packet p) {
        Group g = find(p);
        if (g == null) {
            g = add(p);
        }
        if (!g.hasFirst) {
            p.priorFragments = g.held;
            p.priorFragmentBytes = g.heldBytes;
            g.held = 0;
            g.heldBytes = 0;
            g.hasFirst = true;
        }
        g.transport = p.transport;
        g.hasPorts = p.hasPorts;
        g.srcPort = p.srcPort;
        g.dstPort = p.dstPort;
    }

    /** A later fragment: takes its group's transport and ports, or is counted until the first arrives. */
    public void later(Packet p) {
        Group g = find(p);
        if (g != null && g.hasFirst) {
            p.transport = g.transport;
            p.hasPorts = g.hasPorts;
            p.srcPort = g.srcPort;
            p.dstPort = g.dstPort;
            return;
        }
        if (g == null) {
            g = add(p);
        }
        if (g.held == 0) {
            g.heldFile = p.frame.file();
            g.heldPacket = p.frame.packetNumber();
            g.heldByteOffset = p.frame.dataFileOffset() + (p.ipOffset - p.frame.dataOffset());
        }
        if (g.held < Integer.MAX_VALUE) {
            g.held++;
        }
        g.heldBytes += p.wirePayloadLength;
    }

    /** Drops groups older than the timeout at capture time {@code nowNanos}; cheap when none are due. */
    public void expire(long nowNanos) {
        while (oldest != null && nowNanos - oldest.createdNanos > timeoutNanos) {
            removeOldest();
        }
    }

    /** End of input: counts every group still waiting for its first fragment and forgets all groups. */
    public void finish() {
        while (oldest != null) {
            removeOldest();
        }
    }

    /** Groups currently tracked. */
    public int size() {
        return groups.size();
    }

    private Group find(Packet p) {
        expire(p.frame.timestampNanos());
        probe.set(p.buf, p.srcAddrOffset, p.dstAddrOffset, p.addrLength,
                p.ipVersion == 4 ? p.transport : NO_PROTOCOL, p.ipId);
        return groups.get(probe);
    }

    private Group add(Packet p) {
        if (groups.size() >= capacity) {
            removeOldest();
        }
        Group g = probe.copy();
        g.createdNanos = p.frame.timestampNanos();
        groups.put(g, g);
        if (newest == null) {
            oldest = g;
        } else {
            newest.next = g;
        }
        newest = g;
        return g;
    }

    private void removeOldest() {
        Group g = oldest;
        oldest = g.next;
        if (oldest == null) {
            newest = null;
        }
        g.next = null;
        groups.remove(g);
        if (!g.hasFirst && g.held > 0) {
            String file = g.heldFile == null ? "" : g.heldFile.name();
            anomalies.report(Weird.FRAGMENT_WITHOUT_FIRST, g.held,
                    new Anomalies.Occurrence(file, g.heldPacket, g.heldByteOffset),
                    g.heldFile == null ? -1 : g.heldFile.index());
        }
    }

    /**
     * One fragment group, and its own hash key. The probe instance points into a packet buffer;
     * stored groups own a copy of the addresses ({@code addresses[0, 2 * addrLength)}).
     */
    private static final class Group {
        byte[] addresses;
        int srcOffset;
        int dstOffset;
        int addrLength;
        int protocol;
        long id;
        int hash;

        long createdNanos;
        Group next;
        boolean hasFirst;
        int transport;
        boolean hasPorts;
        int srcPort;
        int dstPort;
        int held;
        long heldBytes;
        CaptureFile heldFile;
        long heldPacket;
        long heldByteOffset;

        void set(byte[] buf, int src, int dst, int length, int protocol, long id) {
            this.addresses = buf;
            this.srcOffset = src;
            this.dstOffset = dst;
            this.addrLength = length;
            this.protocol = protocol;
            this.id = id;
            int h = 31 * protocol + Long.hashCode(id);
            for (int i = 0; i < length; i++) {
                h = 31 * h + buf[src + i];
                h = 31 * h + buf[dst + i];
            }
            this.hash = h;
        }

        Group copy() {
            Group g = new Group();
            g.addresses = new byte[2 * addrLength];
            System.arraycopy(addresses, srcOffset, g.addresses, 0, addrLength);
            System.arraycopy(addresses, dstOffset, g.addresses, addrLength, addrLength);
            g.srcOffset = 0;
            g.dstOffset = addrLength;
            g.addrLength = addrLength;
            g.protocol = protocol;
            g.id = id;
            g.hash = hash;
            return g;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Group g)) {
                return false;
            }
            return hash == g.hash && id == g.id && protocol == g.protocol && addrLength == g.addrLength
                    && Arrays.equals(addresses, srcOffset, srcOffset + addrLength,
                            g.addresses, g.srcOffset, g.srcOffset + addrLength)
                    && Arrays.equals(addresses, dstOffset, dstOffset + addrLength,
                            g.addresses, g.dstOffset, g.dstOffset + addrLength);
        }
    }
}

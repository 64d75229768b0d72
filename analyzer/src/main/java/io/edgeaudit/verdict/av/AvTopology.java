package io.edgeaudit.verdict.av;

import io.edgeaudit.net.IpAddress;
import io.edgeaudit.topology.EdgeNode;
import io.edgeaudit.topology.Topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the A/V checks need to know about the deployment: each Edge node's external A/V address, the
 * VIPs, the load balancer's own (SNAT/self) addresses, the relay port range, and which node a capture
 * point sits on. Immutable.
 *
 * @param nodeAvAddresses   node name to its public external A/V address, in topology order
 * @param avVips            the external A/V VIP(s)
 * @param otherVips         the other external VIPs (Access, Web Conferencing): also "a VIP" for SNAT
 * @param lbAddresses       the load balancer's SNAT pool and self addresses
 * @param relayPortMin      lowest relay port (50000 by default)
 * @param relayPortMax      highest relay port (59999 by default)
 * @param capturePointNodes capture point name to the node whose external interface it watches; capture
 *                          points on the load balancer's outside are absent
 */
public record AvTopology(Map<String, IpAddress> nodeAvAddresses, Set<IpAddress> avVips, Set<IpAddress> otherVips,
                         Set<IpAddress> lbAddresses, int relayPortMin, int relayPortMax,
                         Map<String, String> capturePointNodes) {
    public static final int DEFAULT_RELAY_MIN = 50_000;
    public static final int DEFAULT_RELAY_MAX = 59_999;

    public AvTopology {
        nodeAvAddresses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodeAvAddresses));
        avVips = Set.copyOf(avVips);
        otherVips = Set.copyOf(otherVips);
        lbAddresses = Set.copyOf(lbAddresses);
        capturePointNodes = Map.copyOf(capturePointNodes);
        if (relayPortMin < 1 || relayPortMax > 65_535 || relayPortMin > relayPortMax) {
            throw new IllegalArgumentException("relay port range " + relayPortMin + "-" + relayPortMax
                    + " (expected: 1 <= min <= max <= 65535)");
        }
    }

    /** The A/V view of a loaded topology: node A/V addresses, VIPs, SNAT addresses, relay ports, capture points. */
    public static AvTopology of(Topology t) {
        Map<String, IpAddress> nodes = new LinkedHashMap<>();
        for (EdgeNode n : t.nodes()) {
            if (n.av() != null) {
                nodes.put(n.name(), n.av());
            }
        }
        Set<IpAddress> avVips = new java.util.HashSet<>();
        Set<IpAddress> other = new java.util.HashSet<>();
        if (t.vips().av() != null) {
            avVips.add(t.vips().av());
        }
        for (IpAddress a : new IpAddress[] {t.vips().access(), t.vips().webconf()}) {
            if (a != null) {
                other.add(a);
            }
        }
        Map<String, String> points = new java.util.HashMap<>();
        t.capturePoints().forEach((name, cp) -> {
            if (cp.atNode()) {
                points.put(name, cp.node());
            }
        });
        return new AvTopology(nodes, avVips, other, Set.copyOf(t.hlbSnat()), t.relayPortLow(), t.relayPortHigh(), points);
    }

    /** A topology that knows nothing but the default relay range: only address-free checks apply. */
    public static AvTopology empty() {
        return new AvTopology(Map.of(), Set.of(), Set.of(), Set.of(), DEFAULT_RELAY_MIN, DEFAULT_RELAY_MAX, Map.of());
    }

    /** This topology with more capture points (name to node), e.g. inline "node1:external" ones. */
    public AvTopology withCapturePointNodes(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(capturePointNodes);
        all.putAll(more);
        return new AvTopology(nodeAvAddresses, avVips, otherVips, lbAddresses, relayPortMin, relayPortMax, all);
    }

    public boolean isVip(IpAddress a) {
        return avVips.contains(a) || otherVips.contains(a);
    }

    public boolean isNode(IpAddress a) {
        return nodeAvAddresses.containsValue(a);
    }

    /** The node whose A/V address this is. */
    public Optional<String> nodeOf(IpAddress a) {
        return nodeAvAddresses.entrySet().stream().filter(e -> e.getValue().equals(a)).map(Map.Entry::getKey).findFirst();
    }

    /** A VIP or a load balancer SNAT/self address: a source that means the load balancer rewrote it. */
    public boolean isLoadBalancer(IpAddress a) {
        return lbAddresses.contains(a) || isVip(a);
    }

    public boolean relayPort(int port) {
        return port >= relayPortMin && port <= relayPortMax;
    }

    /** What to call an address in a sentence: "the A/V VIP 198.51.100.10", "node1 (198.51.100.2)", ... */
    public String describe(IpAddress a) {
        if (avVips.contains(a)) {
            return "the A/V VIP " + a;
        }
        if (otherVips.contains(a)) {
            return "the VIP " + a;
        }
        if (lbAddresses.contains(a)) {
            return "the load balancer address " + a;
        }
        return nodeOf(a).map(n -> n + " (" + a + ")").orElse(a.toString());
    }
}

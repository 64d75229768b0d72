package io.edgeaudit.topology;

import io.edgeaudit.net.Cidr;
import io.edgeaudit.net.IpAddress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a topology against what the scaled consolidated Edge with hardware load balancers requires
 * ([HLB-PS] requirements 3 and 8, NOTES.md §1e): public addresses on every external interface and VIP
 * (no NAT), N+1 public addresses (3 VIPs plus 3 per node), no address given twice, the internal side
 * apart from the external one, and an address for every role an enabled feature needs.
 */
public final class TopologyCheck {
    private TopologyCheck() {
    }

    /** Every finding, in file order of the checks; empty when the topology is consistent. */
    public static List<TopologyFinding> check(Topology t) {
        List<TopologyFinding> out = new ArrayList<>();
        Map<String, IpAddress> external = externalAddresses(t);
        missingRoles(t, out);
        for (Map.Entry<String, IpAddress> e : external.entrySet()) {
            if (e.getValue().isPrivateOrReserved()) {
                out.add(new TopologyFinding("public-address", t.line(e.getKey()), e.getKey() + " " + e.getValue()
                        + " is not publicly routable (expected: a public address; the HLB topology uses public"
                        + " addresses on every external interface and VIP, with no NAT)"));
            }
        }
        int expected = 3 + 3 * t.nodes().size();
        long distinct = external.values().stream().distinct().count();
        if (distinct != expected) {
            out.add(new TopologyFinding("n-plus-one", t.line("edge.nodes"), t.nodes().size() + " node"
                    + (t.nodes().size() == 1 ? "" : "s") + " give " + distinct + " distinct public addresses (expected: "
                    + expected + " = 3 VIPs + 3 per node)"));
        }
        duplicates(t, out);
        sides(t, external, out);
        return out;
    }

    /** Path → address for every external node address and external VIP that is set, in file order. */
    private static Map<String, IpAddress> externalAddresses(Topology t) {
        Map<String, IpAddress> m = new LinkedHashMap<>();
        for (int i = 0; i < t.nodes().size(); i++) {
            EdgeNode n = t.nodes().get(i);
            for (Service s : List.of(Service.ACCESS, Service.WEBCONF, Service.AV)) {
                if (n.address(s) != null) {
                    m.put("edge.nodes[" + i + "].external." + s.label(), n.address(s));
                }
            }
        }
        for (Service s : List.of(Service.ACCESS, Service.WEBCONF, Service.AV)) {
            if (t.vips().address(s) != null) {
                m.put("edge.vips.external." + s.label(), t.vips().address(s));
            }
        }
        return m;
    }

    private static void missingRoles(Topology t, List<TopologyFinding> out) {
        if (t.nodes().isEmpty()) {
            out.add(new TopologyFinding("missing-role", t.line("edge.nodes"), "edge.nodes is empty (expected: the pool's Edge servers)"));
        }
        List<Service> needed = new ArrayList<>(List.of(Service.ACCESS, Service.INTERNAL));
        if (t.features().webConferencing()) {
            needed.add(Service.WEBCONF);
        }
        if (t.features().av()) {
            needed.add(Service.AV);
        }
        for (Service s : needed) {
            String why = switch (s) {
                case ACCESS -> "SIP through the Access Edge is mandatory for every Edge service";
                case INTERNAL -> "every Edge talks to the internal servers";
                case WEBCONF -> "features.web_conferencing is on";
                case AV -> "features.av is on";
            };
            for (int i = 0; i < t.nodes().size(); i++) {
                EdgeNode n = t.nodes().get(i);
                if (n.address(s) == null) {
                    String path = "edge.nodes[" + i + "]" + (s == Service.INTERNAL ? ".internal" : ".external." + s.label());
                    out.add(new TopologyFinding("missing-role", t.line("edge.nodes[" + i + "]"), path + " (node "
                            + n.name() + ") is missing (expected: an address, because " + why + ")"));
                }
            }
            if (t.vips().address(s) == null) {
                String path = "edge.vips" + (s == Service.INTERNAL ? ".internal" : ".external." + s.label());
                out.add(new TopologyFinding("missing-role", t.line("edge.vips"), path + " is missing (expected: the "
                        + "load balancer's VIP, because " + why + ")"));
            }
        }
        if (t.internalNetworks().isEmpty()) {
            out.add(new TopologyFinding("missing-role", t.line("internal"), "internal.networks is empty (expected: the"
                    + " internal networks, to tell internal hosts from Internet addresses)"));
        }
        if (t.features().xmpp() && t.frontend().isEmpty()) {
            out.add(new TopologyFinding("missing-role", t.line("internal"), "internal.frontend is empty (expected: the"
                    + " front end servers or pool VIP, because features.xmpp is on and the XMPP gateway runs there)"));
        }
    }

    private static void duplicates(Topology t, List<TopologyFinding> out) {
        Map<IpAddress, EdgeAddress> seen = new LinkedHashMap<>();
        for (EdgeAddress e : t.edgeAddresses()) {
            EdgeAddress first = seen.putIfAbsent(e.address(), e);
            if (first != null) {
                out.add(new TopologyFinding("duplicate", t.line(path(t, e)), e.address() + " is given to "
                        + first.describe() + " and to " + e.describe() + " (expected: one role per address)"));
            }
        }
        for (int i = 0; i < t.hlbSnat().size(); i++) {
            EdgeAddress e = t.edgeAddress(t.hlbSnat().get(i));
            if (e != null) {
                out.add(new TopologyFinding("duplicate", t.line("hlb.snat"), "hlb.snat " + e.address() + " is also "
                        + e.describe() + " (expected: the load balancer's own SNAT address)"));
            }
        }
    }

    private static void sides(Topology t, Map<String, IpAddress> external, List<TopologyFinding> out) {
        List<Cidr> extNets = new ArrayList<>(t.externalNetworks());
        boolean derived = extNets.isEmpty();
        if (derived) {
            // without edge.external_networks, each external address stands for its /24 (IPv4) or /64 (IPv6)
            for (IpAddress a : external.values()) {
                Cidr c = Cidr.parse(a + "/" + (a.isIpv4() ? 24 : 64));
                if (!extNets.contains(c)) {
                    extNets.add(c);
                }
            }
        }
        Map<String, IpAddress> internal = new LinkedHashMap<>();
        for (int i = 0; i < t.nodes().size(); i++) {
            if (t.nodes().get(i).internal() != null) {
                internal.put("edge.nodes[" + i + "].internal", t.nodes().get(i).internal());
            }
        }
        if (t.vips().internal() != null) {
            internal.put("edge.vips.internal", t.vips().internal());
        }
        addAll(internal, "internal.frontend", t.frontend());
        addAll(internal, "internal.directors", t.directors());
        addAll(internal, "internal.survivable_branch", t.survivableBranch());
        for (Map.Entry<String, IpAddress> e : internal.entrySet()) {
            for (Cidr c : extNets) {
                if (c.contains(e.getValue())) {
                    out.add(new TopologyFinding("internal-in-external", t.line(e.getKey()), e.getKey() + " "
                            + e.getValue() + " lies in the external network " + c + (derived ? " (taken from the"
                            + " external addresses; declare edge.external_networks to be exact)" : "")
                            + " (expected: internal and external interfaces on different networks)"));
                    break;
                }
            }
            if (!t.internalNetworks().isEmpty() && !t.isInternal(e.getValue())) {
                out.add(new TopologyFinding("internal-in-external", t.line(e.getKey()), e.getKey() + " "
                        + e.getValue() + " is outside internal.networks (expected: inside one of "
                        + t.internalNetworks() + "; persistent routes cover the internal networks)"));
            }
        }
        for (Map.Entry<String, IpAddress> e : external.entrySet()) {
            if (t.isInternal(e.getValue())) {
                out.add(new TopologyFinding("external-in-internal", t.line(e.getKey()), e.getKey() + " "
                        + e.getValue() + " lies in internal.networks (expected: external addresses outside the"
                        + " internal networks)"));
            }
        }
    }

    private static void addAll(Map<String, IpAddress> m, String path, List<Cidr> blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            m.put(path + "[" + i + "]", blocks.get(i).network());
        }
    }

    private static String path(Topology t, EdgeAddress e) {
        if (e.vip()) {
            return "edge.vips" + (e.service() == Service.INTERNAL ? ".internal" : ".external." + e.service().label());
        }
        for (int i = 0; i < t.nodes().size(); i++) {
            if (t.nodes().get(i).name().equals(e.node())) {
                return "edge.nodes[" + i + "]" + (e.service() == Service.INTERNAL ? ".internal"
                        : ".external." + e.service().label());
            }
        }
        return "";
    }
}

package io.edgeaudit.topology;

import io.edgeaudit.net.Cidr;
import io.edgeaudit.net.IpAddress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The deployment as the auditor describes it: Edge nodes and VIPs with their addresses, the load
 * balancer's SNAT addresses, the internal servers and networks, federation and features, and where
 * captures were taken. Immutable. Load with {@link TopologyLoader}; {@link TopologyCheck} says what
 * is inconsistent with the HLB model.
 */
public final class Topology {
    /** Condition flags a rule may name. */
    public static final Set<String> FLAGS = Set.of("xmpp", "web_conferencing", "av", "ocs2007");

    private final String name;
    private final String pack;
    private final String file;
    private final List<EdgeNode> nodes;
    private final Vips vips;
    private final List<IpAddress> hlbSnat;
    private final List<Cidr> internalNetworks;
    private final List<Cidr> externalNetworks;
    private final List<Cidr> frontend;
    private final List<Cidr> directors;
    private final List<Cidr> survivableBranch;
    private final List<Cidr> federationPartners;
    private final boolean ocs2007;
    private final Features features;
    private final Map<String, CapturePoint> capturePoints;
    private final int relayPortLow;
    private final int relayPortHigh;
    private final Map<String, Integer> lines;
    private final Map<IpAddress, EdgeAddress> edgeAddresses = new HashMap<>();
    private final List<EdgeAddress> edgeAddressList = new ArrayList<>();

    /**
     * @param file     the file it was read from, as given (for messages), or "" when built in code
     * @param lines    where each setting was written ("edge.nodes[0].external.av" → line), for check messages
     */
    public Topology(String name, String pack, String file, List<EdgeNode> nodes, Vips vips, List<IpAddress> hlbSnat,
                    List<Cidr> internalNetworks, List<Cidr> externalNetworks, List<Cidr> frontend,
                    List<Cidr> directors, List<Cidr> survivableBranch, List<Cidr> federationPartners,
                    boolean ocs2007, Features features, Map<String, CapturePoint> capturePoints, int relayPortLow,
                    int relayPortHigh, Map<String, Integer> lines) {
        this.name = Objects.requireNonNull(name, "name");
        this.pack = Objects.requireNonNull(pack, "pack");
        this.file = Objects.requireNonNull(file, "file");
        this.nodes = List.copyOf(nodes);
        this.vips = Objects.requireNonNull(vips, "vips");
        this.hlbSnat = List.copyOf(hlbSnat);
        this.internalNetworks = List.copyOf(internalNetworks);
        this.externalNetworks = List.copyOf(externalNetworks);
        this.frontend = List.copyOf(frontend);
        this.directors = List.copyOf(directors);
        this.survivableBranch = List.copyOf(survivableBranch);
        this.federationPartners = List.copyOf(federationPartners);
        this.ocs2007 = ocs2007;
        this.features = Objects.requireNonNull(features, "features");
        this.capturePoints = Collections.unmodifiableMap(new LinkedHashMap<>(capturePoints));
        this.relayPortLow = relayPortLow;
        this.relayPortHigh = relayPortHigh;
        this.lines = Map.copyOf(lines);
        // VIPs first: when an address is given twice, the check reports it and the VIP meaning wins
        for (Service s : Service.values()) {
            index(vips.address(s), s, null);
        }
        for (EdgeNode n : this.nodes) {
            for (Service s : Service.values()) {
                index(n.address(s), s, n.name());
            }
        }
    }

    private void index(IpAddress a, Service s, String node) {
        if (a != null) {
            EdgeAddress e = new EdgeAddress(a, s, node);
            edgeAddressList.add(e);
            edgeAddresses.putIfAbsent(a, e);
        }
    }

    public String name() {
        return name;
    }

    /** The rule pack's name, e.g. "lync2013-edge-hlb". */
    public String pack() {
        return pack;
    }

    public String file() {
        return file;
    }

    public List<EdgeNode> nodes() {
        return nodes;
    }

    /** The node called {@code name}, or null. */
    public EdgeNode node(String nodeName) {
        for (EdgeNode n : nodes) {
            if (n.name().equals(nodeName)) {
                return n;
            }
        }
        return null;
    }

    public Vips vips() {
        return vips;
    }

    /** Source addresses the load balancer uses when it applies SNAT. */
    public List<IpAddress> hlbSnat() {
        return hlbSnat;
    }

    public boolean isHlbSnat(IpAddress a) {
        return hlbSnat.contains(a);
    }

    public List<Cidr> internalNetworks() {
        return internalNetworks;
    }

    /** Networks of the external side, when declared (optional {@code edge.external_networks}). */
    public List<Cidr> externalNetworks() {
        return externalNetworks;
    }

    public List<Cidr> frontend() {
        return frontend;
    }

    public List<Cidr> directors() {
        return directors;
    }

    public List<Cidr> survivableBranch() {
        return survivableBranch;
    }

    /** Federated partners; empty means any. */
    public List<Cidr> federationPartners() {
        return federationPartners;
    }

    public boolean ocs2007() {
        return ocs2007;
    }

    public Features features() {
        return features;
    }

    /** Capture interface name → where it was taken; insertion order. */
    public Map<String, CapturePoint> capturePoints() {
        return capturePoints;
    }

    /** The A/V Edge's media relay port range, inclusive (default 50000-59999). */
    public int relayPortLow() {
        return relayPortLow;
    }

    public int relayPortHigh() {
        return relayPortHigh;
    }

    /** The line where {@code path} (e.g. "edge.vips.external.av") was written, or 0. */
    public int line(String path) {
        return lines.getOrDefault(path, 0);
    }

    /** The Edge meaning of {@code a} (a node's service address or a VIP), or null when it is no Edge address. */
    public EdgeAddress edgeAddress(IpAddress a) {
        return edgeAddresses.get(a);
    }

    /** Every Edge address as written, VIPs first, duplicates included. */
    public List<EdgeAddress> edgeAddresses() {
        return Collections.unmodifiableList(edgeAddressList);
    }

    /** True when {@code a} lies in a declared internal network. */
    public boolean isInternal(IpAddress a) {
        return contains(internalNetworks, a);
    }

    /**
     * The value of a condition flag.
     *
     * @throws IllegalArgumentException for a name not in {@link #FLAGS}
     */
    public boolean flag(String flag) {
        return switch (flag) {
            case "xmpp" -> features.xmpp();
            case "web_conferencing" -> features.webConferencing();
            case "av" -> features.av();
            case "ocs2007" -> ocs2007;
            default -> throw new IllegalArgumentException("unknown condition '" + flag + "' (expected: one of "
                    + String.join(", ", FLAGS.stream().sorted().toList()) + ")");
        };
    }

    public static boolean contains(List<Cidr> blocks, IpAddress a) {
        for (Cidr c : blocks) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "topology " + name + " (" + nodes.size() + " nodes, pack " + pack + ")";
    }
}

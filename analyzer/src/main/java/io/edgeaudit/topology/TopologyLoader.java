package io.edgeaudit.topology;

import io.edgeaudit.net.Cidr;
import io.edgeaudit.net.IpAddress;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a topology YAML file (format in rules/README.md, example samples/topologies/pool1.yaml).
 * Every error is one line naming file, line and column; unknown keys are errors, because a misspelt
 * key would otherwise silently change the verdict. Addresses are parsed without DNS.
 */
public final class TopologyLoader {
    /** A topology is a page of text; anything larger is refused before parsing. */
    public static final long MAX_BYTES = 1 << 20;
    public static final String DEFAULT_PACK = "lync2013-edge-hlb";

    private final String file;
    private final Map<String, Integer> lines = new HashMap<>();

    private TopologyLoader(String file) {
        this.file = file;
    }

    /** @throws TopologyException naming file, line and column */
    public static Topology load(Path path) {
        String name = path.toString();
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new TopologyException(name, 0, 0, "file is " + size + " bytes (expected: at most " + MAX_BYTES + ")");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new TopologyException(name, 0, 0, "cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TopologyException(name, 0, 0, "not UTF-8 text");
        }
        return parse(name, text);
    }

    /** Parses {@code text} as if read from {@code file}. @throws TopologyException naming file, line and column */
    public static Topology parse(String file, String text) {
        return new TopologyLoader(file).build(new YamlReader(file).read(text));
    }

    private Topology build(YamlNode rootNode) {
        YamlNode.Mapping root = mapping(rootNode, "topology", Set.of("name", "pack", "edge", "hlb", "internal",
                "federation", "features", "capture_points", "av"));
        String name = requiredText(root, "name", "");
        String pack = optionalText(root, "pack", DEFAULT_PACK);
        YamlNode.Mapping edge = mapping(required(root, "edge", ""), "edge", Set.of("nodes", "vips", "external_networks"));
        List<EdgeNode> nodes = new ArrayList<>();
        YamlNode.Sequence nodeList = sequence(required(edge, "nodes", "edge"), "edge.nodes");
        for (int i = 0; i < nodeList.items().size(); i++) {
            nodes.add(node(nodeList.items().get(i), "edge.nodes[" + i + "]"));
        }
        Vips vips = new Vips(null, null, null, null);
        if (edge.entries().get("vips") != null) {
            YamlNode.Mapping v = mapping(edge.entries().get("vips"), "edge.vips", Set.of("external", "internal"));
            IpAddress[] ext = external(v, "edge.vips");
            vips = new Vips(ext[0], ext[1], ext[2], address(v.entries().get("internal"), "edge.vips.internal"));
        }
        List<Cidr> externalNetworks = cidrs(edge.entries().get("external_networks"), "edge.external_networks");
        List<IpAddress> snat = new ArrayList<>();
        YamlNode hlbNode = root.entries().get("hlb");
        if (hlbNode != null) {
            YamlNode.Mapping hlb = mapping(hlbNode, "hlb", Set.of("snat"));
            for (Cidr c : cidrs(hlb.entries().get("snat"), "hlb.snat")) {
                snat.add(c.network());
            }
        }
        List<Cidr> networks = List.of();
        List<Cidr> frontend = List.of();
        List<Cidr> directors = List.of();
        List<Cidr> sba = List.of();
        YamlNode internalNode = root.entries().get("internal");
        if (internalNode != null) {
            YamlNode.Mapping in = mapping(internalNode, "internal", Set.of("networks", "frontend", "directors",
                    "survivable_branch"));
            networks = cidrs(in.entries().get("networks"), "internal.networks");
            frontend = cidrs(in.entries().get("frontend"), "internal.frontend");
            directors = cidrs(in.entries().get("directors"), "internal.directors");
            sba = cidrs(in.entries().get("survivable_branch"), "internal.survivable_branch");
        }
        List<Cidr> partners = List.of();
        boolean ocs2007 = false;
        YamlNode fedNode = root.entries().get("federation");
        if (fedNode != null) {
            YamlNode.Mapping fed = mapping(fedNode, "federation", Set.of("partners", "ocs2007"));
            partners = cidrs(fed.entries().get("partners"), "federation.partners");
            ocs2007 = bool(fed.entries().get("ocs2007"), "federation.ocs2007", false);
        }
        // xmpp is optional in Lync 2013 (the seed: "optionally deploys an XMPP proxy"); A/V and web
        // conferencing are what an Edge pool is usually for
        Features features = new Features(false, true, true);
        YamlNode featNode = root.entries().get("features");
        if (featNode != null) {
            YamlNode.Mapping f = mapping(featNode, "features", Set.of("xmpp", "web_conferencing", "av"));
            features = new Features(bool(f.entries().get("xmpp"), "features.xmpp", false),
                    bool(f.entries().get("web_conferencing"), "features.web_conferencing", true),
                    bool(f.entries().get("av"), "features.av", true));
        }
        Map<String, CapturePoint> points = capturePoints(root.entries().get("capture_points"), nodes);
        int low = 50000;
        int high = 59999;
        YamlNode avNode = root.entries().get("av");
        if (avNode != null) {
            YamlNode.Mapping av = mapping(avNode, "av", Set.of("relay_ports"));
            YamlNode r = av.entries().get("relay_ports");
            if (r != null) {
                int[] range = portRange(r, "av.relay_ports");
                low = range[0];
                high = range[1];
            }
        }
        return new Topology(name, pack, file, nodes, vips, snat, networks, externalNetworks, frontend, directors, sba,
                partners, ocs2007, features, points, low, high, lines);
    }

    private EdgeNode node(YamlNode n, String path) {
        YamlNode.Mapping m = mapping(n, path, Set.of("name", "external", "internal"));
        String nodeName = requiredText(m, "name", path);
        IpAddress[] ext = external(m, path);
        return new EdgeNode(nodeName, ext[0], ext[1], ext[2], address(m.entries().get("internal"), path + ".internal"));
    }

    /** access, webconf, av of an {@code external:} mapping under {@code parent}; nulls when absent. */
    private IpAddress[] external(YamlNode.Mapping parent, String path) {
        YamlNode e = parent.entries().get("external");
        if (e == null) {
            return new IpAddress[3];
        }
        YamlNode.Mapping m = mapping(e, path + ".external", Set.of("access", "webconf", "av"));
        return new IpAddress[] {address(m.entries().get("access"), path + ".external.access"),
                address(m.entries().get("webconf"), path + ".external.webconf"),
                address(m.entries().get("av"), path + ".external.av")};
    }

    private Map<String, CapturePoint> capturePoints(YamlNode n, List<EdgeNode> nodes) {
        Map<String, CapturePoint> out = new LinkedHashMap<>();
        if (n == null || isNull(n)) {
            return out;
        }
        YamlNode.Mapping m = mapping(n, "capture_points", null);
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            String path = "capture_points." + e.getKey();
            YamlNode.Mapping cp = mapping(e.getValue(), path, Set.of("node", "interface", "hlb"));
            YamlNode hlb = cp.entries().get("hlb");
            YamlNode nodeName = cp.entries().get("node");
            if (hlb != null) {
                if (nodeName != null || cp.entries().containsKey("interface")) {
                    throw error(cp, path + ": 'hlb' stands alone (expected: {hlb: external|internal} or {node: NAME, interface: external|internal})");
                }
                out.put(e.getKey(), new CapturePoint(e.getKey(), null, iface(hlb, path + ".hlb")));
                continue;
            }
            if (nodeName == null) {
                throw error(cp, path + ": no 'node' or 'hlb' (expected: {node: NAME, interface: external|internal} or {hlb: external|internal})");
            }
            String nn = text(nodeName, path + ".node");
            if (nodes.stream().noneMatch(x -> x.name().equals(nn))) {
                throw error(nodeName, path + ".node: unknown node '" + nn + "' (expected: one of "
                        + String.join(", ", nodes.stream().map(EdgeNode::name).toList()) + ")");
            }
            out.put(e.getKey(), new CapturePoint(e.getKey(), nn, iface(required(cp, "interface", path), path + ".interface")));
        }
        return out;
    }

    private Iface iface(YamlNode n, String path) {
        String t = text(n, path);
        try {
            return Iface.parse(t);
        } catch (IllegalArgumentException e) {
            throw error(n, path + ": " + e.getMessage());
        }
    }

    private int[] portRange(YamlNode n, String path) {
        String t = text(n, path).trim();
        int dash = t.indexOf('-');
        try {
            int lo = Integer.parseInt(dash < 0 ? t : t.substring(0, dash).trim());
            int hi = dash < 0 ? lo : Integer.parseInt(t.substring(dash + 1).trim());
            if (lo < 1 || hi > 65535 || lo > hi) {
                throw error(n, path + ": '" + t + "' (expected: LOW-HIGH within 1-65535, LOW <= HIGH)");
            }
            return new int[] {lo, hi};
        } catch (NumberFormatException e) {
            throw error(n, path + ": '" + t + "' (expected: a port range such as 50000-59999)");
        }
    }

    // ---- small typed readers; each records the line of what it read ----

    private YamlNode.Mapping mapping(YamlNode n, String path, Set<String> allowed) {
        if (!(n instanceof YamlNode.Mapping m)) {
            throw error(n, path + ": " + n.what() + " (expected: a mapping)");
        }
        lines.put(path, m.line());
        if (allowed != null) {
            for (String k : m.entries().keySet()) {
                if (!allowed.contains(k)) {
                    int[] at = m.keys().get(k);
                    throw new TopologyException(file, at[0], at[1], "unknown key '" + k + "' in " + path
                            + " (expected: one of " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }
        return m;
    }

    private YamlNode.Sequence sequence(YamlNode n, String path) {
        if (!(n instanceof YamlNode.Sequence s)) {
            throw error(n, path + ": " + n.what() + " (expected: a list)");
        }
        lines.put(path, s.line());
        return s;
    }

    private YamlNode required(YamlNode.Mapping m, String key, String parent) {
        YamlNode n = m.entries().get(key);
        if (n == null || isNull(n)) {
            throw error(n == null ? m : n, "missing '" + key + "'" + (parent.isEmpty() ? "" : " in " + parent));
        }
        return n;
    }

    private String requiredText(YamlNode.Mapping m, String key, String parent) {
        return text(required(m, key, parent), parent.isEmpty() ? key : parent + "." + key);
    }

    private String optionalText(YamlNode.Mapping m, String key, String dflt) {
        YamlNode n = m.entries().get(key);
        return n == null || isNull(n) ? dflt : text(n, key);
    }

    private String text(YamlNode n, String path) {
        if (!(n instanceof YamlNode.Scalar s) || s.text() == null) {
            throw error(n, path + ": " + n.what() + " (expected: a value)");
        }
        lines.put(path, s.line());
        return s.text();
    }

    private boolean bool(YamlNode n, String path, boolean dflt) {
        if (n == null || isNull(n)) {
            return dflt;
        }
        String t = text(n, path);
        return switch (t) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(n, path + ": '" + t + "' (expected: true or false)");
        };
    }

    private IpAddress address(YamlNode n, String path) {
        if (n == null || isNull(n)) {
            return null;
        }
        String t = text(n, path);
        try {
            return IpAddress.parse(t);
        } catch (IllegalArgumentException e) {
            throw error(n, path + ": '" + t + "' is not an IP address (expected: an IPv4 or IPv6 literal; names are not resolved)");
        }
    }

    private List<Cidr> cidrs(YamlNode n, String path) {
        List<Cidr> out = new ArrayList<>();
        if (n == null || isNull(n)) {
            return out;
        }
        List<YamlNode> items = n instanceof YamlNode.Sequence s ? s.items() : List.of(n);
        lines.put(path, n.line());
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String t = text(item, path + "[" + i + "]");
            try {
                out.add(Cidr.parse(t));
            } catch (IllegalArgumentException e) {
                throw error(item, path + "[" + i + "]: '" + t + "' is not an address or network (expected: 198.51.100.7 or 198.18.0.0/15)");
            }
        }
        return out;
    }

    private static boolean isNull(YamlNode n) {
        return n instanceof YamlNode.Scalar s && s.text() == null;
    }

    private TopologyException error(YamlNode at, String message) {
        return new TopologyException(file, at.line(), at.column(), message);
    }
}

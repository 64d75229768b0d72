package io.edgeaudit.rules;

import io.edgeaudit.net.Cidr;
import io.edgeaudit.net.IpAddress;
import io.edgeaudit.topology.EdgeAddress;
import io.edgeaudit.topology.EdgeNode;
import io.edgeaudit.topology.Service;
import io.edgeaudit.topology.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule's source or destination: topology roles or address literals (rules/README.md "Selectors").
 * {@code a|b} is a union; {@code any(frontend|director)} is "Any (can be defined as ...)": any address
 * while the topology declares none of the named roles, only those once it does. Immutable;
 * {@link #toString()} round-trips through {@link #parse}.
 */
public final class Selector {
    /** Role names a selector may use, besides address and CIDR literals. */
    public static final List<String> ROLES = List.of("any", "edge.access", "edge.webconf", "edge.av", "edge.internal",
            "vip.access", "vip.webconf", "vip.av", "vip.internal", "frontend", "director", "sba",
            "federation.partners", "internal.networks");

    /** How an address fares against a selector. */
    public enum Match {
        /** the address is one the selector names */
        YES,
        /** {@code any(...)} whose roles the topology declares, and the address is none of them */
        NARROWED_OUT,
        NO
    }

    private final String text;
    private final List<String> roles;
    private final List<Cidr> literals;
    private final boolean narrowedAny;

    private Selector(String text, List<String> roles, List<Cidr> literals, boolean narrowedAny) {
        this.text = text;
        this.roles = roles;
        this.literals = literals;
        this.narrowedAny = narrowedAny;
    }

    /** @throws IllegalArgumentException with "what (expected: ...)" */
    public static Selector parse(String raw) {
        String t = raw.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty selector (expected: any, a role such as edge.av, or an address)");
        }
        boolean narrowed = false;
        String body = t;
        if (t.startsWith("any(") && t.endsWith(")")) {
            narrowed = true;
            body = t.substring(4, t.length() - 1);
        }
        List<String> roles = new ArrayList<>();
        List<Cidr> literals = new ArrayList<>();
        for (String part : body.split("\\|", -1)) {
            String p = part.trim();
            if (ROLES.contains(p)) {
                if (narrowed && (p.equals("any") || p.startsWith("edge.") || p.startsWith("vip."))) {
                    throw new IllegalArgumentException("'" + p + "' inside any(...) (expected: frontend, director, sba, "
                            + "federation.partners, internal.networks or addresses)");
                }
                roles.add(p);
                continue;
            }
            try {
                literals.add(Cidr.parse(p));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown selector '" + p + "' (expected: one of "
                        + String.join(", ", ROLES) + ", an address, a CIDR, a|b, or any(a|b))");
            }
        }
        return new Selector(raw.trim(), List.copyOf(roles), List.copyOf(literals), narrowed);
    }

    /** True when the selector names an Edge role (edge.* or vip.*): the Edge side of its rule. */
    public boolean isEdge() {
        return roles.stream().anyMatch(r -> r.startsWith("edge.") || r.startsWith("vip."));
    }

    /** True when it names a VIP role. */
    public boolean namesVip() {
        return roles.stream().anyMatch(r -> r.startsWith("vip."));
    }

    /** The Edge service its edge.* or vip.* role names, or null. */
    public Service edgeService() {
        for (String r : roles) {
            if (r.startsWith("edge.") || r.startsWith("vip.")) {
                return Service.valueOf(r.substring(r.indexOf('.') + 1).toUpperCase(Locale.ROOT));
            }
        }
        return null;
    }

    /** How {@code a} fares, with VIP roles read from {@code v}'s vantage. */
    public Match match(IpAddress a, Topology t, Vantage v) {
        boolean declared = false;
        for (String r : roles) {
            if (matchesRole(r, a, t, v)) {
                return Match.YES;
            }
            declared |= declares(r, t);
        }
        for (Cidr c : literals) {
            if (c.contains(a)) {
                return Match.YES;
            }
        }
        if (narrowedAny) {
            return declared || !literals.isEmpty() ? Match.NARROWED_OUT : Match.YES;
        }
        return Match.NO;
    }

    private static boolean declares(String role, Topology t) {
        return switch (role) {
            case "frontend" -> !t.frontend().isEmpty();
            case "director" -> !t.directors().isEmpty();
            case "sba" -> !t.survivableBranch().isEmpty();
            case "federation.partners" -> !t.federationPartners().isEmpty();
            case "internal.networks" -> !t.internalNetworks().isEmpty();
            default -> true;
        };
    }

    private static boolean matchesRole(String role, IpAddress a, Topology t, Vantage v) {
        switch (role) {
            case "any":
                return true;
            case "frontend":
                return Topology.contains(t.frontend(), a);
            case "director":
                return Topology.contains(t.directors(), a);
            case "sba":
                return Topology.contains(t.survivableBranch(), a);
            case "federation.partners":
                return t.federationPartners().isEmpty() || Topology.contains(t.federationPartners(), a);
            case "internal.networks":
                return t.isInternal(a);
            default:
                break;
        }
        Service s = Service.valueOf(role.substring(role.indexOf('.') + 1).toUpperCase(Locale.ROOT));
        if (role.startsWith("edge.")) {
            EdgeAddress e = t.edgeAddress(a);
            return e != null && !e.vip() && e.service() == s;
        }
        // vip.*: at a node's interface the load balancer has translated the VIP to that node
        if (v.atNode()) {
            EdgeNode n = t.node(v.node());
            return n != null && a.equals(n.address(s));
        }
        return a.equals(t.vips().address(s));
    }

    /** The addresses this selector stands for at {@code v}, for explanations ("vip.access (198.51.100.10)"). */
    public String describe(Topology t, Vantage v) {
        List<String> parts = new ArrayList<>();
        for (String r : roles) {
            String addrs = addresses(r, t, v);
            parts.add(addrs.isEmpty() ? r : r + " (" + addrs + ")");
        }
        for (Cidr c : literals) {
            parts.add(c.toString());
        }
        String s = String.join(" or ", parts);
        return narrowedAny ? "the declared " + s + " the row allows (\"Any, can be defined as ...\")" : s;
    }

    private static String addresses(String role, Topology t, Vantage v) {
        List<String> out = new ArrayList<>();
        switch (role) {
            case "frontend" -> t.frontend().forEach(c -> out.add(c.toString()));
            case "director" -> t.directors().forEach(c -> out.add(c.toString()));
            case "sba" -> t.survivableBranch().forEach(c -> out.add(c.toString()));
            case "federation.partners" -> t.federationPartners().forEach(c -> out.add(c.toString()));
            case "internal.networks" -> t.internalNetworks().forEach(c -> out.add(c.toString()));
            case "any" -> {
            }
            default -> {
                Service s = Service.valueOf(role.substring(role.indexOf('.') + 1).toUpperCase(Locale.ROOT));
                if (role.startsWith("edge.")) {
                    t.nodes().stream().filter(n -> n.address(s) != null).forEach(n -> out.add(n.address(s).toString()));
                } else if (v.atNode() && t.node(v.node()) != null && t.node(v.node()).address(s) != null) {
                    out.add(t.node(v.node()).address(s) + " = " + v.node() + " behind the VIP");
                } else if (t.vips().address(s) != null) {
                    out.add(t.vips().address(s).toString());
                }
            }
        }
        return String.join(", ", out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}

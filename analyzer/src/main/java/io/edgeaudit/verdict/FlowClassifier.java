package io.edgeaudit.verdict;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.net.IpAddress;
import io.edgeaudit.rules.Nat;
import io.edgeaudit.rules.Rule;
import io.edgeaudit.rules.RulePack;
import io.edgeaudit.rules.Selector;
import io.edgeaudit.rules.Vantage;
import io.edgeaudit.topology.CapturePoint;
import io.edgeaudit.topology.EdgeAddress;
import io.edgeaudit.topology.Iface;
import io.edgeaudit.topology.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Judges each flow against a rule pack and a topology (rules/README.md "How flows are judged").
 *
 * <p>A flow with no Edge address (node or VIP) on either side is out of scope. Otherwise its
 * interface comes from its capture point, or from its Edge address; an internal host on the
 * external interface, or an Internet host on the internal one, is a location finding ([HLB-PS]
 * requirement 8). Then every rule is compared with the flow and the nearest decides: ALLOWED when
 * transport, ports, interface, direction, both endpoints and the condition all hold; else the kind
 * of the first thing that failed in the order interface, direction, endpoint, condition; and
 * UNEXPECTED_PORT when no rule has the flow's transport and ports at all.
 *
 * <p>A flow whose direction was inferred (no handshake) is tried both ways: allowed either way is
 * allowed; otherwise the nearer of the two is reported, so nothing is hidden. A flow that never got
 * an answer (TCP S0/REJ, unanswered UDP, ICMP refusal) keeps its finding at a lower severity: info
 * when someone outside tried and the perimeter held, warning when the Edge itself tried or the
 * attempt reached a node's own interface.
 */
public final class FlowClassifier {
    private static final int TCP = 6;
    private static final int UDP = 17;
    /** Where location findings point: the persistent-routes requirement of the seed. */
    private static final String REQUIREMENT_8 = "[HLB-PS] requirement 8";
    private static final Set<String> UNANSWERED_TCP = Set.of("S0", "REJ", "RSTOS0", "SH", "SHR", "RSTRH");

    private final Topology topology;
    private final RulePack pack;
    private final CapturePoints points;

    /** @param pack its {@code relay} ports are read as the topology's {@code av.relay_ports} */
    public FlowClassifier(Topology topology, RulePack pack, CapturePoints points) {
        this.topology = topology;
        this.pack = pack.withRelayPorts(topology.relayPortLow(), topology.relayPortHigh());
        this.points = points;
    }

    /** How near a rule came to allowing a flow; higher is nearer. */
    private enum Level {
        NONE, WRONG_INTERFACE, WRONG_DIRECTION, WRONG_ENDPOINT, CONDITION_NOT_MET, ALLOWED
    }

    /** One rule against one orientation of the flow. */
    private record Candidate(Rule rule, Level level, boolean reversed, boolean roleMatch, String why,
                             ViolationKind kindOverride, boolean narrowedOnly) {
    }

    /** The flow's endpoints in one orientation. */
    private record Ends(IpAddress origAddr, int origPort, IpAddress respAddr, int respPort) {
    }

    public Classification classify(Flow flow) {
        CapturePoint cp = points.of(flow);
        EdgeAddress eo = topology.edgeAddress(flow.origAddr());
        EdgeAddress er = topology.edgeAddress(flow.respAddr());
        Vantage vantage = cp == null ? Vantage.UNKNOWN : cp.atNode() ? Vantage.atNode(cp.node()) : Vantage.HLB;
        boolean attempt = attemptOnly(flow);
        if (eo == null && er == null) {
            FlowVerdict v = new FlowVerdict(flow, FlowVerdict.Status.OUT_OF_SCOPE,
                    cp == null ? Iface.UNKNOWN.label() : cp.iface().label(), cp == null ? "none" : "capture-point",
                    vantage.label(), "", "", "observed", attempt, List.of());
            return new Classification(v, List.of(), null);
        }
        Iface iface = cp != null ? cp.iface() : (er != null ? er : eo).iface();
        String ifaceSource = cp != null ? "capture-point" : "addresses";
        String where = cp != null ? "capture point " + cp : "the Edge address in the flow";

        List<Violation> out = new ArrayList<>();
        Violation location = location(flow, eo, er, iface, where);
        Candidate best = nearest(flow, iface, vantage);
        String allowed = null;
        if (best != null && best.level == Level.ALLOWED) {
            allowed = best.rule.id();
        } else {
            Violation port = portViolation(flow, best, iface, vantage, where, eo != null && er == null, attempt);
            // a location finding already explains a wrong interface; and when the Edge address itself
            // belongs to the other side, no row of this side can apply to it
            boolean edgeMisplaced = (eo != null && eo.iface() != iface) || (er != null && er.iface() != iface);
            if (location == null || (port.kind() != ViolationKind.WRONG_INTERFACE && !edgeMisplaced)) {
                out.add(port);
            }
        }
        if (location != null) {
            out.add(0, location);
        }
        Rule cited = best == null ? null : best.rule;
        FlowVerdict v = new FlowVerdict(flow, out.isEmpty() ? FlowVerdict.Status.ALLOWED : FlowVerdict.Status.VIOLATION,
                iface.label(), ifaceSource, vantage.label(), cited == null ? "" : cited.id(),
                cited == null ? "" : cited.ref(), best != null && best.reversed ? "reversed" : "observed", attempt,
                out.stream().map(Violation::kind).toList());
        return new Classification(v, out, allowed);
    }

    // ---- location: the persistent-routes requirement ----

    private Violation location(Flow flow, EdgeAddress eo, EdgeAddress er, Iface iface, String where) {
        if (iface == Iface.UNKNOWN) {
            return null;
        }
        for (EdgeAddress e : new EdgeAddress[] {eo, er}) {
            if (e != null && e.iface() != iface) {
                ViolationKind k = iface == Iface.EXTERNAL ? ViolationKind.INTERNAL_ON_EXTERNAL : ViolationKind.EXTERNAL_ON_INTERNAL;
                return Violation.onFlow(k, k.defaultSeverity(), flow, iface.label(), "HLB-8", REQUIREMENT_8,
                        e.describe() + " is an " + e.iface().label() + " Edge address, seen on the " + iface.label()
                                + " interface (" + where + ")",
                        "The " + e.iface().label() + " Edge address " + e.address() + " (" + e.describe()
                                + ") appeared on the " + iface.label() + " interface, breaking [HLB-PS] requirement 8"
                                + " (internal traffic is routed on the internal interface through persistent routes).");
            }
        }
        IpAddress peer = eo == null ? flow.origAddr() : er == null ? flow.respAddr() : null;
        if (peer == null) {
            return null;
        }
        boolean internalHost = topology.isInternal(peer) || Topology.contains(topology.frontend(), peer)
                || Topology.contains(topology.directors(), peer) || Topology.contains(topology.survivableBranch(), peer);
        if (iface == Iface.EXTERNAL && internalHost) {
            ViolationKind k = ViolationKind.INTERNAL_ON_EXTERNAL;
            return Violation.onFlow(k, k.defaultSeverity(), flow, iface.label(), "HLB-8", REQUIREMENT_8,
                    peer + " is in the internal networks but was seen on the external interface (" + where + ")",
                    "Internal address " + peer + " talked to the Edge on its external interface: [HLB-PS] requirement 8"
                            + " routes internal servers and clients through the internal interface with persistent"
                            + " routes, so a route is missing or wrong.");
        }
        if (iface == Iface.INTERNAL && !topology.internalNetworks().isEmpty() && !internalHost) {
            ViolationKind k = ViolationKind.EXTERNAL_ON_INTERNAL;
            return Violation.onFlow(k, k.defaultSeverity(), flow, iface.label(), "HLB-8", REQUIREMENT_8,
                    peer + " is outside internal.networks " + topology.internalNetworks() + " but was seen on the"
                            + " internal interface (" + where + ")",
                    "Address " + peer + ", outside the internal networks, talked to the Edge on its internal interface:"
                            + " [HLB-PS] requirement 8 keeps the internal interface for internal networks (Internet"
                            + " traffic belongs on the external interface).");
        }
        return null;
    }

    // ---- the port model ----

    private Candidate nearest(Flow flow, Iface iface, Vantage vantage) {
        List<Ends> orientations = new ArrayList<>(2);
        orientations.add(new Ends(flow.origAddr(), flow.origPort(), flow.respAddr(), flow.respPort()));
        if (flow.directionInferred()) {
            orientations.add(new Ends(flow.respAddr(), flow.respPort(), flow.origAddr(), flow.origPort()));
        }
        Candidate best = null;
        for (int o = 0; o < orientations.size(); o++) {
            for (Rule r : pack.rules()) {
                Candidate c = evaluate(r, flow.transport(), orientations.get(o), o == 1, iface, vantage);
                if (c.level != Level.NONE && better(c, best)) {
                    best = c;
                }
            }
        }
        return best;
    }

    /** Nearer level first; then the rule for the same Edge service; then the observed orientation; then pack order. */
    private static boolean better(Candidate c, Candidate best) {
        if (best == null) {
            return true;
        }
        if (c.level != best.level) {
            return c.level.compareTo(best.level) > 0;
        }
        if (c.roleMatch != best.roleMatch) {
            return c.roleMatch;
        }
        return !c.reversed && best.reversed;
    }

    private Candidate evaluate(Rule r, int transport, Ends e, boolean reversed, Iface iface, Vantage v) {
        if (r.transport() != transport || !r.dstPorts().contains(e.respPort) || !r.srcPorts().contains(e.origPort)) {
            return new Candidate(r, Level.NONE, reversed, false, "", null, false);
        }
        EdgeAddress eo = topology.edgeAddress(e.origAddr);
        EdgeAddress er = topology.edgeAddress(e.respAddr);
        Selector edgeSel = r.source().isEdge() ? r.source() : r.destination().isEdge() ? r.destination() : null;
        EdgeAddress flowEdge = r.source().isEdge() ? eo : er;
        boolean roleMatch = edgeSel != null && flowEdge != null && flowEdge.service() == edgeSel.edgeService();
        if (iface != Iface.UNKNOWN && r.iface() != iface) {
            return new Candidate(r, Level.WRONG_INTERFACE, reversed, roleMatch, "the row is on the " + r.iface().label()
                    + " interface, the flow on the " + iface.label(), null, false);
        }
        boolean direction = edgeSel == null || (r.source().isEdge() ? eo != null : er != null);
        if (!direction) {
            return new Candidate(r, Level.WRONG_DIRECTION, reversed, roleMatch, "the row's Edge side is its "
                    + (r.source().isEdge() ? "source" : "destination") + ", but the Edge address in the flow is the "
                    + (r.source().isEdge() ? "responder" : "originator"), null, false);
        }
        List<String> why = new ArrayList<>();
        boolean narrowedOnly = true;
        ViolationKind override = null;
        Selector.Match sm = r.source().match(e.origAddr, topology, v);
        Selector.Match dm = r.destination().match(e.respAddr, topology, v);
        if (sm != Selector.Match.YES) {
            why.add("source " + e.origAddr + describe(eo) + " is not " + r.source().describe(topology, v));
            narrowedOnly &= sm == Selector.Match.NARROWED_OUT;
        }
        if (dm != Selector.Match.YES) {
            why.add("destination " + e.respAddr + describe(er) + " is not " + r.destination().describe(topology, v));
            narrowedOnly &= dm == Selector.Match.NARROWED_OUT;
        }
        if (r.nat() == Nat.NO_SNAT) {
            // the load balancer's SNAT address, or a VIP where the row names a node's own address, shows SNAT
            if (topology.isHlbSnat(e.origAddr)) {
                why.add("source " + e.origAddr + " is the load balancer's SNAT address, and the row allows no SNAT");
                narrowedOnly = false;
                override = "av".equals(r.role()) ? ViolationKind.SNAT_ON_AV : null;
            } else if (r.source().isEdge() && eo != null && eo.vip() && "node".equals(r.target())
                    && eo.service() == r.source().edgeService()) {
                override = "av".equals(r.role()) ? ViolationKind.SNAT_ON_AV : null;
            }
        }
        if (why.isEmpty()) {
            return new Candidate(r, r.conditionMet(topology) ? Level.ALLOWED : Level.CONDITION_NOT_MET, reversed,
                    roleMatch, r.conditionMet(topology) ? "" : "condition " + String.join("+", r.conditionsOff(topology))
                    + " is off in the topology", null, false);
        }
        String vantageNote = r.target().equals("vip") || r.source().namesVip() || r.destination().namesVip()
                ? " (vantage " + v.label() + (v.known() ? "" : ": judged as outside the load balancer; name the capture"
                + " point if it was taken at a node") + ")" : "";
        return new Candidate(r, Level.WRONG_ENDPOINT, reversed, roleMatch, String.join("; ", why) + vantageNote,
                override, narrowedOnly);
    }

    private static String describe(EdgeAddress e) {
        return e == null ? "" : " (" + (e.vip() ? "VIP " : e.node() + " ") + e.service().label() + ")";
    }

    private Violation portViolation(Flow flow, Candidate best, Iface iface, Vantage vantage, String where,
                                    boolean edgeOriginated, boolean attempt) {
        ViolationKind kind;
        String why;
        String explanation;
        Rule r = best == null ? nearestByPort(flow, iface) : best.rule;
        String row = r == null ? "" : "table " + r.table() + " row " + r.row() + " (" + r.service() + ": "
                + r.sourceText() + " -> " + r.destinationText() + ")";
        String flowText = flow.transportName() + " " + Flow.endpoint(flow.origAddr(), flow.origPort()) + " -> "
                + Flow.endpoint(flow.respAddr(), flow.respPort());
        if (best == null) {
            kind = ViolationKind.UNEXPECTED_PORT;
            boolean portless = flow.transport() != TCP && flow.transport() != UDP;
            why = portless ? "no rule allows " + flow.transportName() + " at all"
                    : "no rule allows " + flow.transportName() + " port " + flow.respPort() + " on any interface"
                    + (r == null ? "" : "; nearest row uses " + r.transportName() + " " + r.dstPorts().describe());
            explanation = "No row of the firewall tables allows " + (portless ? flow.transportName()
                    : flow.transportName() + " port " + flow.respPort()) + " to or from the Edge, so " + flowText
                    + " on the " + iface.label() + " interface is unexpected"
                    + (r == null ? "." : " (nearest: " + row + ").");
        } else {
            switch (best.level) {
                case WRONG_INTERFACE -> {
                    kind = ViolationKind.WRONG_INTERFACE;
                    why = best.why + " (" + where + ")";
                    explanation = row + " allows " + r.transportName() + " " + r.dstPorts().describe() + " only on the "
                            + r.iface().label() + " interface, but " + flowText + " was seen on the " + iface.label()
                            + " interface.";
                }
                case WRONG_DIRECTION -> {
                    kind = ViolationKind.WRONG_DIRECTION;
                    why = best.why;
                    explanation = row + " allows " + r.transportName() + " " + r.dstPorts().describe() + " only "
                            + (r.source().isEdge() ? "from the Edge outwards" : "towards the Edge") + ", but "
                            + flowText + " was opened the other way.";
                }
                case CONDITION_NOT_MET -> {
                    kind = ViolationKind.CONDITION_NOT_MET;
                    why = best.why;
                    explanation = row + " allows " + flowText + " only when " + String.join(" and ",
                            r.conditionsOff(topology)) + " is on (\"" + r.note() + "\"), and the topology has it off.";
                }
                default -> {
                    kind = best.kindOverride != null ? best.kindOverride : ViolationKind.WRONG_ENDPOINT;
                    why = best.why;
                    explanation = kind == ViolationKind.SNAT_ON_AV
                            ? row + " carries A/V traffic, which the load balancer may not SNAT ([HLB-PS] requirements"
                            + " 2 and 6), but " + flowText + " shows a translated address: " + best.why + "."
                            : "The port of " + flowText + " matches " + row + ", but " + best.why + ".";
                }
            }
        }
        Severity sev = kind.defaultSeverity();
        if (best != null && best.narrowedOnly && best.level == Level.WRONG_ENDPOINT) {
            // the row says "Any (can be defined as ...)": outside the declared roles is a warning, not an error
            sev = Severity.WARNING;
        }
        if (attempt || flow.transport() != TCP && flow.transport() != UDP) {
            Severity cap = edgeOriginated || vantage.atNode() ? Severity.WARNING : Severity.INFO;
            if (flow.transport() != TCP && flow.transport() != UDP) {
                cap = Severity.INFO;
            }
            if (sev.compareTo(cap) > 0) {
                sev = cap;
            }
            why = why + (attempt ? "; the attempt got no answer (" + answerText(flow) + ")" : "");
        }
        return Violation.onFlow(kind, sev, flow, iface.label(), r == null ? "" : r.id(), r == null ? "" : r.ref(), why,
                explanation);
    }

    /**
     * For UNEXPECTED_PORT: the rule most like the flow (same transport, interface, Edge service, Edge
     * side, VIP or node), first in pack order among equals.
     */
    private Rule nearestByPort(Flow flow, Iface iface) {
        EdgeAddress er = topology.edgeAddress(flow.respAddr());
        EdgeAddress e = er != null ? er : topology.edgeAddress(flow.origAddr());
        boolean edgeIsResp = er != null;
        Rule best = null;
        int bestScore = -1;
        for (Rule r : pack.rules()) {
            Selector s = r.source().isEdge() ? r.source() : r.destination();
            int score = (r.transport() == flow.transport() ? 1 : 0) + (r.iface() == iface ? 1 : 0)
                    + (e != null && s.isEdge() && s.edgeService() == e.service() ? 1 : 0)
                    + (r.destination().isEdge() == edgeIsResp ? 1 : 0)
                    + (e != null && s.namesVip() == e.vip() ? 1 : 0);
            if (score > bestScore) {
                best = r;
                bestScore = score;
            }
        }
        return best;
    }

    /** True when the flow never got an answer: TCP without a SYN-ACK or refused, UDP one way, or an ICMP refusal. */
    static boolean attemptOnly(Flow flow) {
        if (flow.icmpRefusal() != null) {
            return true;
        }
        if (flow.transport() == TCP) {
            return UNANSWERED_TCP.contains(flow.connState());
        }
        return flow.transport() == UDP && flow.resp().packets() == 0;
    }

    private static String answerText(Flow f) {
        if (f.icmpRefusal() != null) {
            return f.icmpRefusalReason();
        }
        return f.transport() == TCP ? "conn_state " + f.connState() : "no reply datagram";
    }
}

package io.edgeaudit.verdict.av;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.inspect.av.Allocation;
import io.edgeaudit.inspect.av.AvCapture;
import io.edgeaudit.inspect.av.AvTransaction;
import io.edgeaudit.inspect.stun.TransportAddress;
import io.edgeaudit.net.IpAddress;
import io.edgeaudit.verdict.Evidence;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The A/V Edge checks of issue 4, judged as the English original of the seed says (NOTES.md §1e): no
 * SNAT on A/V; a request to the VIP is answered from the VIP and one to a node from that node; the
 * relayed address is the serving node's real public A/V address in the relay port range; media then
 * flows to and from that address, not through the VIP. Each finding is a {@link Violation} with packet
 * evidence and one sentence that names the requirement and what to change on the load balancer.
 */
public final class AvChecks {
    /** Packets one way, with none back, before media counts as one-way. */
    static final int ONE_WAY_MIN_PACKETS = 3;
    private static final String IFACE = "external";

    private final AvTopology topo;
    private final List<Violation> violations = new ArrayList<>();
    private final Map<Allocation, List<Violation>> byAllocation = new IdentityHashMap<>();

    private AvChecks(AvTopology topo) {
        this.topo = topo;
    }

    /** Runs every check over the captures (one per capture point) and matches them against each other. */
    public static AvVerdicts check(AvTopology topo, List<AvCapture> captures) {
        AvChecks c = new AvChecks(topo);
        // the rewrite between capture points first: it is the definitive SNAT evidence for an allocation
        List<AddressRewrite> rewrites = CrossCapture.rewrites(topo, captures);
        Set<Allocation> flagged = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (AddressRewrite r : rewrites) {
            c.rewrite(r, captures, flagged); // one finding per allocation; the rest stay in rewrites
        }
        for (AvCapture capture : captures) {
            c.snatSources(capture);
            c.mediaViaVipFlows(capture);
            c.udpBlocked(capture);
            for (Allocation a : capture.allocations()) {
                c.mappedAddress(a);
                c.relayAddress(a);
                c.responseSource(a);
                c.allocationFailed(a);
                c.oneWayMedia(a);
            }
        }
        return new AvVerdicts(captures, c.violations, c.byAllocation, rewrites);
    }

    /** SNAT_ON_AV (a): A/V traffic reaching a node's A/V address from a load balancer address or a VIP. */
    private void snatSources(AvCapture capture) {
        Map<String, List<Flow>> bySource = new LinkedHashMap<>();
        for (Flow f : capture.flows()) {
            if (!topo.isNode(f.respAddr()) || !topo.isLoadBalancer(f.origAddr())) {
                continue;
            }
            int port = f.respPort();
            boolean av = (f.transport() == 17 && port == 3478) || (f.transport() == 6 && port == 443)
                    || topo.relayPort(port);
            if (av) {
                bySource.computeIfAbsent(f.origAddr() + ">" + f.respAddr(), k -> new ArrayList<>()).add(f);
            }
        }
        for (List<Flow> group : bySource.values()) {
            Flow f = group.get(0);
            String node = topo.describe(f.respAddr());
            String src = topo.describe(f.origAddr());
            String why = group.size() + " A/V flow(s) at " + capture.capturePoint() + " reach " + node + " from " + src;
            add(null, Violation.onFlow(ViolationKind.SNAT_ON_AV, Severity.ERROR, f, IFACE, HlbRequirement.HLB_2.id(),
                    HlbRequirement.HLB_2.source(), why,
                    "A/V traffic reached " + node + " from " + src + " instead of the client's own address, so the load "
                            + "balancer applies SNAT to A/V, which " + HlbRequirement.HLB_2.id() + " forbids; turn off SNAT "
                            + "(source NAT / automap) on the A/V virtual server and make the load balancer the nodes' "
                            + "gateway for return traffic instead."));
        }
    }

    /** SNAT_ON_AV (b): the server reported the client's reflexive address as a load balancer address or VIP. */
    private void mappedAddress(Allocation a) {
        TransportAddress m = a.mapped();
        if (m == null || !topo.isLoadBalancer(m.ip())) {
            return;
        }
        PacketRef ref = firstResponseWithMapped(a);
        String why = "the " + a.server() + " response maps the client " + a.client() + " to " + m
                + ", which is " + topo.describe(m.ip());
        add(a, violation(ViolationKind.SNAT_ON_AV, Severity.ERROR, a, HlbRequirement.HLB_5, why, refs(ref),
                (a.client().equals(m) ? "The A/V Edge saw its client as " + m + " (" + topo.describe(m.ip()) + ")"
                        : "The A/V Edge saw client " + a.client() + " as " + m + " (" + topo.describe(m.ip()) + ")")
                        + ", so the load balancer rewrote the client's source address; " + HlbRequirement.HLB_5.id() + " says the VIP must "
                        + "not change the source IP for A/V: disable SNAT on the A/V virtual server."));
    }

    /** AV_RELAY_ADDRESS: the relayed address must be the serving node's own public A/V address, in range. */
    private void relayAddress(Allocation a) {
        TransportAddress r = a.relayed();
        if (r == null) {
            return;
        }
        String servingNode = servingNode(a);
        IpAddress expected = servingNode == null ? null : topo.nodeAvAddresses().get(servingNode);
        List<String> problems = new ArrayList<>();
        if (topo.isVip(r.ip())) {
            problems.add("it is " + topo.describe(r.ip()) + ", not a node's real address");
        } else if (topo.lbAddresses().contains(r.ip())) {
            problems.add("it is " + topo.describe(r.ip()));
        } else if (r.ip().isPrivateOrReserved()) {
            problems.add("it is a private address");
        } else if (expected != null && !expected.equals(r.ip())) {
            problems.add("it is not " + servingNode + "'s A/V address " + expected
                    + topo.nodeOf(r.ip()).map(n -> " but " + n + "'s").orElse(""));
        }
        if (!topo.relayPort(r.port())) {
            problems.add("port " + r.port() + " is outside " + topo.relayPortMin() + "-" + topo.relayPortMax());
        }
        if (problems.isEmpty()) {
            return;
        }
        String why = "relayed address " + r + ": " + String.join("; ", problems);
        // a VIP, the load balancer or another node breaks "respond with the real server address" (HLB-2);
        // a private address or a port outside the range is NAT or port translation (HLB-C7)
        boolean wrongServer = topo.isLoadBalancer(r.ip()) || (expected != null && !expected.equals(r.ip())
                && !r.ip().isPrivateOrReserved());
        HlbRequirement req = wrongServer ? HlbRequirement.HLB_2 : HlbRequirement.HLB_C7;
        add(a, violation(ViolationKind.AV_RELAY_ADDRESS, Severity.ERROR, a, req, why,
                refs(a.allocatedRef()),
                "The Allocate response gave " + a.client() + " the relayed address " + r + " (" + String.join("; ", problems)
                        + "); " + req.id() + " requires the A/V Edge to answer with its real public server "
                        + "address: give each node a public A/V address without NAT or port translation on the load "
                        + "balancer and configure it as the node's external A/V address."));
    }

    /** AV_RESPONSE_SOURCE: a request to the VIP answered from a node, or to a node answered from the VIP. */
    private void responseSource(Allocation a) {
        List<AvTransaction> bad = new ArrayList<>();
        for (AvTransaction t : a.transactions()) {
            if (!t.answered() || t.responseSrc().equals(t.requestDst())) {
                continue;
            }
            IpAddress to = t.requestDst().ip();
            IpAddress from = t.responseSrc().ip();
            if (topo.isVip(to) || topo.isNode(to) || topo.isVip(from) || topo.isNode(from) || topo.nodeAvAddresses().isEmpty()) {
                bad.add(t);
            }
        }
        if (bad.isEmpty()) {
            return;
        }
        AvTransaction t = bad.get(0);
        String to = topo.describe(t.requestDst().ip()) + ":" + t.requestDst().port();
        String from = topo.describe(t.responseSrc().ip()) + ":" + t.responseSrc().port();
        String why = bad.size() + " response(s): the " + t.request().describe() + " went to " + to + " and was answered from " + from;
        add(a, violation(ViolationKind.AV_RESPONSE_SOURCE, Severity.ERROR, a, HlbRequirement.HLB_2, why,
                refs(t.requestRef(), t.responseRef()),
                "A request sent to " + to + " was answered from " + from + "; " + HlbRequirement.HLB_2.id()
                        + " requires a request to the VIP to be answered from the VIP and a request to a node from that "
                        + "node, so the return path bypasses the load balancer: route the nodes' A/V replies back through "
                        + "the load balancer (make it their gateway) so it can translate them."));
    }

    /**
     * AV_MEDIA_VIA_VIP: flows on the relay port range to or from an A/V VIP. (TURN data between a client
     * and the VIP on 3478/443 is the client's own TURN session, which the load balancer may carry.)
     */
    private void mediaViaVipFlows(AvCapture capture) {
        Map<IpAddress, List<Flow>> byVip = new LinkedHashMap<>();
        for (Flow f : capture.flows()) {
            IpAddress vip = topo.avVips().contains(f.respAddr()) && topo.relayPort(f.respPort()) ? f.respAddr()
                    : topo.avVips().contains(f.origAddr()) && topo.relayPort(f.origPort()) ? f.origAddr() : null;
            if (vip != null) {
                byVip.computeIfAbsent(vip, k -> new ArrayList<>()).add(f);
            }
        }
        byVip.forEach((vip, flows) -> {
            Flow f = flows.get(0);
            String why = flows.size() + " flow(s) at " + capture.capturePoint() + " use relay ports on " + topo.describe(vip);
            add(null, Violation.onFlow(ViolationKind.AV_MEDIA_VIA_VIP, Severity.ERROR, f, IFACE, HlbRequirement.HLB_7.id(),
                    HlbRequirement.HLB_7.source(), why,
                    "Media on the relay port range flows through " + topo.describe(vip) + "; "
                            + HlbRequirement.HLB_7.id() + " says that once established, clients talk to the real server: "
                            + "the Allocate response must hand out the node's public address, and the load balancer "
                            + "should only balance UDP 3478 and TCP 443 on the A/V VIP."));
        });
    }

    /** UDP_BLOCKED: UDP 3478 requests with no response; warning when the client then allocated over TCP. */
    private void udpBlocked(AvCapture capture) {
        for (Allocation a : capture.allocations()) {
            if (!a.transport().equals("udp") || a.server().port() != 3478 || a.requests() == 0 || a.responses() > 0) {
                continue;
            }
            Allocation fallback = null;
            for (Allocation b : capture.allocations()) {
                if (b.transport().equals("tcp") && b.client().ip().equals(a.client().ip()) && b.responses() > 0
                        && b.tsLast() >= a.tsFirst()) {
                    fallback = b;
                    break;
                }
            }
            AvTransaction first = a.transactions().isEmpty() ? null : a.transactions().get(0);
            PacketRef ref = first == null ? null : first.requestRef();
            if (fallback != null) {
                String why = a.requests() + " UDP request(s) to " + a.server() + retransmissions(a) + " unanswered; the client then used TCP "
                        + fallback.server();
                add(a, violation(ViolationKind.UDP_BLOCKED, Severity.WARNING, a, null, why, refs(ref, fallback.allocatedRef()),
                        "UDP 3478 from " + a.client() + " to " + topo.describe(a.server().ip()) + " got no answer and the "
                                + "client fell back to TCP " + fallback.server().port() + " (TCP relaying, worse media): allow "
                                + "UDP 3478 inbound to the A/V VIP and the nodes on the external firewall and load balancer."));
            } else {
                String why = a.requests() + " UDP request(s) to " + a.server() + retransmissions(a) + " unanswered, no TCP fallback seen";
                add(a, violation(ViolationKind.UDP_BLOCKED, Severity.INFO, a, null, why, refs(ref),
                        "UDP 3478 from " + a.client() + " to " + topo.describe(a.server().ip()) + " got no answer in this "
                                + "capture: check that UDP 3478 is allowed to the A/V VIP and the nodes."));
            }
        }
    }

    /** ALLOCATION_FAILED: an Allocate refused with an error other than the 401/438 challenges, or never completed. */
    private void allocationFailed(Allocation a) {
        if (!a.isTurn()) {
            return;
        }
        Map<Integer, Integer> real = new LinkedHashMap<>(a.errors());
        real.keySet().removeAll(Set.of(401, 438));
        boolean onlyChallenges = real.isEmpty() && !a.errors().isEmpty();
        if (a.allocated() && real.isEmpty()) {
            return;
        }
        if (!a.allocated() && a.errors().isEmpty()) {
            return; // no answer at all: UDP_BLOCKED speaks for it
        }
        String codes = (real.isEmpty() ? a.errors() : real).keySet().stream()
                .map(c -> c + (a.errorReasons().containsKey(c) ? " " + a.errorReasons().get(c).strip() : ""))
                .reduce((x, y) -> x + ", " + y).orElse("");
        Severity sev = a.allocated() ? Severity.INFO : Severity.WARNING;
        String why = a.allocated() ? "errors " + codes + " before the allocation succeeded"
                : onlyChallenges ? "authentication never completed: only " + codes
                : "Allocate refused: " + codes;
        add(a, violation(ViolationKind.ALLOCATION_FAILED, sev, a, null, why, refs(firstErrorRef(a)),
                "The TURN allocation from " + a.client() + " to " + topo.describe(a.server().ip()) + " "
                        + (a.allocated() ? "succeeded after errors " : "failed with ") + codes + ": " + advice(real.isEmpty()
                        ? a.errors().keySet().iterator().next() : real.keySet().iterator().next())));
    }

    private static String advice(int code) {
        return switch (code) {
            case 401 -> "the client never answered the authentication challenge with valid credentials (MRAS credentials or realm).";
            case 436 -> "the user name is unknown to the A/V Edge (MRAS credentials do not match the Edge's A/V authentication service).";
            case 437 -> "allocation mismatch: the 5-tuple already has an allocation, often because the load balancer sent the client to another node.";
            case 438 -> "the nonce went stale and was not refreshed.";
            case 486 -> "the allocation quota for this user is exhausted.";
            case 508 -> "the A/V Edge has no relay ports left (insufficient port capacity in the relay range).";
            default -> "see the error reason in the timeline.";
        };
    }

    /** ONE_WAY_MEDIA: relayed media in one direction only. */
    private void oneWayMedia(Allocation a) {
        if (!a.allocated()) {
            return;
        }
        String leg = null;
        long there = 0;
        if (a.clientToServerData().packets() >= ONE_WAY_MIN_PACKETS && a.serverToClientData().packets() == 0) {
            leg = "the client sent " + a.clientToServerData().packets() + " data message(s) through the server and received none";
        } else if (a.serverToClientData().packets() >= ONE_WAY_MIN_PACKETS && a.clientToServerData().packets() == 0) {
            leg = "the server delivered " + a.serverToClientData().packets() + " data message(s) and the client sent none";
        } else if (a.relayToPeer().packets() >= ONE_WAY_MIN_PACKETS && a.peerToRelay().packets() == 0) {
            leg = "the relayed address " + a.relayed() + " sent " + a.relayToPeer().packets() + " packet(s) to peers and received none";
        } else if (a.peerToRelay().packets() >= ONE_WAY_MIN_PACKETS && a.relayToPeer().packets() == 0) {
            leg = "peers sent " + a.peerToRelay().packets() + " packet(s) to the relayed address " + a.relayed() + " and got none back";
        }
        if (leg == null) {
            return;
        }
        add(a, violation(ViolationKind.ONE_WAY_MEDIA, Severity.WARNING, a, null, leg, refs(a.allocatedRef()),
                "Media for " + a.client() + " flowed one way only (" + leg + "); check that the external firewall and load "
                        + "balancer pass the relay ports " + topo.relayPortMin() + "-" + topo.relayPortMax()
                        + " both ways and keep the real server address (" + HlbRequirement.HLB_6.id() + ")."));
    }

    /** SNAT_ON_AV (c): the same transaction at two capture points with different client addresses. */
    private void rewrite(AddressRewrite r, List<AvCapture> captures, Set<Allocation> flagged) {
        Allocation a = null;
        for (AvCapture c : captures) {
            if (c.capturePoint().equals(r.toPoint())) {
                AvTransaction t = c.transactions().get(r.transactionId());
                for (Allocation x : c.allocations()) {
                    if (t != null && x.transactions().contains(t)) {
                        a = x;
                    }
                }
            }
        }
        if (a == null || !flagged.add(a)) {
            return;
        }
        String why = r.sentence() + " (transaction " + r.transactionId() + ")";
        add(a, violation(ViolationKind.SNAT_ON_AV, Severity.ERROR, a, HlbRequirement.HLB_5, why,
                refs(r.beforeRef(), r.afterRef()),
                "The same STUN request shows that the " + r.sentence() + ": the load balancer rewrites the client's "
                        + "source address on A/V traffic, which " + HlbRequirement.HLB_5.id() + " forbids; disable SNAT "
                        + "on the A/V virtual server."));
    }

    private static String retransmissions(Allocation a) {
        int n = a.transactions().stream().mapToInt(AvTransaction::retransmissions).sum();
        return n == 0 ? "" : " (and " + n + " retransmission(s))";
    }

    private String servingNode(Allocation a) {
        return topo.nodeOf(a.server().ip()).orElseGet(() -> topo.capturePointNodes().get(a.capturePoint()));
    }

    private static PacketRef firstResponseWithMapped(Allocation a) {
        for (AvTransaction t : a.transactions()) {
            if (t.answered() && t.response().mappedAddress() != null) {
                return t.responseRef();
            }
        }
        return a.allocatedRef();
    }

    private static PacketRef firstErrorRef(Allocation a) {
        for (AvTransaction t : a.transactions()) {
            if (t.answered() && t.response().errorCode() > 0) {
                return t.responseRef();
            }
        }
        return null;
    }

    private static List<PacketRef> refs(PacketRef... refs) {
        List<PacketRef> out = new ArrayList<>();
        for (PacketRef r : refs) {
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private Violation violation(ViolationKind kind, Severity severity, Allocation a, HlbRequirement req, String why,
                                List<PacketRef> refs, String explanation) {
        List<String> files = refs.stream().map(PacketRef::file).distinct().toList();
        long first = refs.stream().mapToLong(PacketRef::timestampNanos).min().orElse(a.tsFirst());
        long last = refs.stream().mapToLong(PacketRef::timestampNanos).max().orElse(a.tsLast());
        Evidence ev = new Evidence(files, refs, first, last, refs.size(), 0);
        return new Violation(kind, severity, a.firstFlowUid(), a.transport(), a.client().ip().toString(), a.client().port(),
                a.server().ip().toString(), a.server().port(), IFACE, req == null ? "" : req.id(),
                req == null ? "" : req.source(), "[" + a.capturePoint() + "] " + why, ev,
                explanation);
    }

    private void add(Allocation a, Violation v) {
        violations.add(v);
        if (a != null) {
            byAllocation.computeIfAbsent(a, k -> new ArrayList<>()).add(v);
        }
    }
}

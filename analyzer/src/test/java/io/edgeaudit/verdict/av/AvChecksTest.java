package io.edgeaudit.verdict.av;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.inspect.av.AvCapture;
import io.edgeaudit.inspect.av.AvInspector;
import io.edgeaudit.inspect.av.PacketFeeder;
import io.edgeaudit.net.IpAddress;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static io.edgeaudit.inspect.stun.Bytes.hex;
import static io.edgeaudit.inspect.stun.StunBuilder.allocateError;
import static io.edgeaudit.inspect.stun.StunBuilder.allocateRequest;
import static io.edgeaudit.inspect.stun.StunBuilder.allocateSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvChecksTest {
    static final String CLIENT = "203.0.113.10:50123";
    static final String VIP = "198.51.100.10:3478";
    static final String NODE1 = "198.51.100.2:3478";
    static final String NODE2 = "198.51.100.3";
    static final String LB_SNAT = "198.51.100.250";
    static final String TX = "00112233445566778899aabb";

    static final AvTopology TOPO = new AvTopology(
            Map.of("node1", IpAddress.parse("198.51.100.2"), "node2", IpAddress.parse(NODE2)),
            Set.of(IpAddress.parse("198.51.100.10")), Set.of(IpAddress.parse("198.51.100.11")),
            Set.of(IpAddress.parse(LB_SNAT)), 50_000, 59_999, Map.of("node1", "node1"));

    static AvCapture capture(String point, Consumer<PacketFeeder> traffic) {
        AvInspector inspector = new AvInspector(point, new Anomalies(), AvInspector.Options.defaults());
        traffic.accept(new PacketFeeder(inspector, point + ".pcap"));
        return inspector.finish();
    }

    static List<ViolationKind> kinds(AvVerdicts v) {
        return v.violations().stream().map(Violation::kind).toList();
    }

    @Test
    void findsNothingWhenTheVipAnswersAndHandsOutTheNodeAddress() {
        AvCapture c = capture("lb", f -> {
            f.udp(0, CLIENT, VIP, allocateRequest(TX));
            f.udp(1, VIP, CLIENT, allocateSuccess(TX, "198.51.100.2:50010", CLIENT));
            f.udp(5, CLIENT, "198.51.100.2:50010", hex("80000001 00000000 00000000"));
            f.udp(6, "198.51.100.2:50010", CLIENT, hex("80000001 00000000 00000000"));
        });
        AvVerdicts v = AvChecks.check(TOPO, List.of(c));
        assertEquals(List.of(), v.violations());
    }

    @Test
    void flagsSnatWhenANodeSeesTheLoadBalancerAsSourceAndMapsTheClientToIt() {
        AvCapture c = capture("node1", f -> {
            f.udp(0, LB_SNAT + ":40001", NODE1, allocateRequest(TX));
            f.udp(1, NODE1, LB_SNAT + ":40001", allocateSuccess(TX, "198.51.100.2:50010", LB_SNAT + ":40001"));
        });
        AvVerdicts v = AvChecks.check(TOPO, List.of(c));
        assertEquals(List.of(ViolationKind.SNAT_ON_AV, ViolationKind.SNAT_ON_AV), kinds(v));
        Violation mapped = v.violations().get(1);
        assertEquals("HLB-5", mapped.ruleId());
        assertTrue(mapped.explanation().contains("saw its client as 198.51.100.250:40001 (the load balancer address"),
                mapped.explanation());
        assertEquals("node1.pcap", mapped.evidence().firstPackets().get(0).file());
        assertEquals(2, mapped.evidence().firstPackets().get(0).packetNumber());
    }

    @Test
    void flagsARelayedAddressThatIsTheVipOrAnotherNodeOrOutOfRange() {
        AvCapture vip = capture("lb", f -> {
            f.udp(0, CLIENT, VIP, allocateRequest(TX));
            f.udp(1, VIP, CLIENT, allocateSuccess(TX, "198.51.100.10:50010", CLIENT));
        });
        Violation v = AvChecks.check(TOPO, List.of(vip)).violations().get(0);
        assertEquals(ViolationKind.AV_RELAY_ADDRESS, v.kind());
        assertTrue(v.why().contains("it is the A/V VIP 198.51.100.10"), v.why());

        AvCapture other = capture("node1", f -> {
            f.udp(0, CLIENT, NODE1, allocateRequest(TX));
            f.udp(1, NODE1, CLIENT, allocateSuccess(TX, NODE2 + ":40000", CLIENT));
        });
        Violation w = AvChecks.check(TOPO, List.of(other)).violations().get(0);
        assertTrue(w.why().contains("not node1's A/V address 198.51.100.2 but node2's"), w.why());
        assertTrue(w.why().contains("port 40000 is outside 50000-59999"), w.why());
    }

    @Test
    void flagsAVipRequestAnsweredFromANode() {
        AvCapture c = capture("lb", f -> {
            f.udp(0, CLIENT, VIP, allocateRequest(TX));
            f.udp(1, NODE1, CLIENT, allocateSuccess(TX, "198.51.100.2:50010", CLIENT));
        });
        AvVerdicts v = AvChecks.check(TOPO, List.of(c));
        assertEquals(List.of(ViolationKind.AV_RESPONSE_SOURCE), kinds(v));
        assertTrue(v.violations().get(0).why().contains("went to the A/V VIP 198.51.100.10:3478 and was answered from node1 (198.51.100.2):3478"),
                v.violations().get(0).why());
        assertEquals(2, v.violations().get(0).evidence().firstPackets().size());
    }

    @Test
    void flagsUnansweredUdpWithTcpFallbackAsUdpBlocked() {
        AvCapture c = capture("lb", f -> {
            f.udp(0, CLIENT, VIP, allocateRequest("000000000000000000000001"));
            f.udp(500, CLIENT, VIP, allocateRequest("000000000000000000000002"));
            f.tcp(1000, "203.0.113.10:50200", "198.51.100.10:443", 1, Packet.TCP_SYN, new byte[0]);
            f.tcp(1001, "203.0.113.10:50200", "198.51.100.10:443", 2, Packet.TCP_ACK, allocateRequest(TX));
            f.tcp(1002, "198.51.100.10:443", "203.0.113.10:50200", 7, Packet.TCP_ACK,
                    allocateSuccess(TX, "198.51.100.2:50010", "203.0.113.10:50200"));
        });
        AvVerdicts v = AvChecks.check(TOPO, List.of(c));
        assertEquals(List.of(ViolationKind.UDP_BLOCKED), kinds(v));
        assertEquals(Severity.WARNING, v.violations().get(0).severity());
    }

    @Test
    void flagsARefusedAllocationWithItsErrorCode() {
        AvCapture c = capture("lb", f -> {
            f.udp(0, CLIENT, VIP, allocateRequest(TX));
            f.udp(1, VIP, CLIENT, allocateError(TX, 508, "Insufficient Capacity"));
        });
        AvVerdicts v = AvChecks.check(TOPO, List.of(c));
        assertEquals(List.of(ViolationKind.ALLOCATION_FAILED), kinds(v));
        assertTrue(v.violations().get(0).explanation().contains("508 Insufficient Capacity"));
        assertTrue(v.violations().get(0).explanation().contains("no relay ports left"));
    }

    @Test
    void flagsOneWayMediaOnTheRelayedAddress() {
        AvCapture c = capture("node1", f -> {
            f.udp(0, CLIENT, NODE1, allocateRequest(TX));
            f.udp(1, NODE1, CLIENT, allocateSuccess(TX, "198.51.100.2:50010", CLIENT));
            for (int i = 0; i < 5; i++) {
                f.udp(10 + i, "198.51.100.2:50010", "192.0.2.77:30000", hex("80000001 00000000 00000000"));
            }
        });
        AvVerdicts v = AvChecks.check(TOPO, List.of(c));
        assertEquals(List.of(ViolationKind.ONE_WAY_MEDIA), kinds(v));
    }

    @Test
    void flagsMediaOnRelayPortsOfTheVip() {
        AvCapture c = capture("lb", f -> f.udp(0, CLIENT, "198.51.100.10:50010", hex("80000001 00000000 00000000")));
        assertEquals(List.of(ViolationKind.AV_MEDIA_VIA_VIP), kinds(AvChecks.check(TOPO, List.of(c))));
    }

    @Test
    void reportsTheAddressRewriteBetweenTheLoadBalancerAndANode() {
        AvCapture lb = capture("lb", f -> {
            f.udp(0, CLIENT, VIP, allocateRequest(TX));
            f.udp(2, VIP, CLIENT, allocateSuccess(TX, "198.51.100.2:50010", CLIENT));
        });
        AvCapture node = capture("node1", f -> {
            f.udp(1, "198.51.100.2:40001", NODE1, allocateRequest(TX)); // SNAT to an address the topology does not list
            f.udp(1, NODE1, "198.51.100.2:40001", allocateSuccess(TX, "198.51.100.2:50010", "198.51.100.2:40001"));
        });
        AvVerdicts v = AvChecks.check(TOPO, List.of(lb, node));
        assertEquals(1, v.rewrites().size());
        assertEquals("client 203.0.113.10:50123 at the load balancer (lb) became 198.51.100.2:40001 at node1",
                v.rewrites().get(0).sentence());
        assertEquals(List.of(ViolationKind.SNAT_ON_AV), kinds(v));
        assertEquals(2, v.violations().get(0).evidence().files().size());
    }
}

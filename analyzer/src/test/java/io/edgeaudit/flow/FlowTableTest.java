package io.edgeaudit.flow;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.Direction;
import io.edgeaudit.decode.Packet;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.edgeaudit.decode.Packet.TCP_ACK;
import static io.edgeaudit.decode.Packet.TCP_FIN;
import static io.edgeaudit.decode.Packet.TCP_PSH;
import static io.edgeaudit.decode.Packet.TCP_RST;
import static io.edgeaudit.decode.Packet.TCP_SYN;
import static io.edgeaudit.flow.TestPackets.icmp;
import static io.edgeaudit.flow.TestPackets.icmpQuotingUdp;
import static io.edgeaudit.flow.TestPackets.tcp;
import static io.edgeaudit.flow.TestPackets.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowTableTest {
    private static final String C = "203.0.113.10";
    private static final String S = "198.51.100.10";

    private final List<Flow> ended = new ArrayList<>();
    private FlowTable table = new FlowTable(FlowConfig.defaults(), ended::add);

    private Flow only() {
        table.finish();
        assertEquals(1, ended.size(), () -> "flows: " + ended);
        return ended.get(0);
    }

    @Test
    void handshakeDataAndFinBothWaysIsSfWithZeekHistory() {
        table.accept(tcp(0.000, C, 50123, S, 5061, TCP_SYN, 1000, 0));
        table.accept(tcp(0.001, S, 5061, C, 50123, TCP_SYN | TCP_ACK, 5000, 0));
        table.accept(tcp(0.002, C, 50123, S, 5061, TCP_ACK, 1001, 0));
        table.accept(tcp(0.003, C, 50123, S, 5061, TCP_ACK | TCP_PSH, 1001, 200));
        table.accept(tcp(0.0035, S, 5061, C, 50123, TCP_ACK, 5001, 0));
        table.accept(tcp(0.004, S, 5061, C, 50123, TCP_ACK | TCP_PSH, 5001, 300));
        table.accept(tcp(0.005, C, 50123, S, 5061, TCP_FIN | TCP_ACK, 1201, 0));
        table.accept(tcp(0.006, S, 5061, C, 50123, TCP_FIN | TCP_ACK, 5301, 0));
        table.accept(tcp(0.007, C, 50123, S, 5061, TCP_ACK, 1202, 0));
        Flow f = only();
        assertEquals("ShADadFf", f.history());
        assertEquals("SF", f.connState());
        assertFalse(f.directionInferred());
        assertEquals(C, f.origAddr().toString());
        assertEquals(50123, f.origPort());
        assertEquals(5061, f.respPort());
        assertEquals(5, f.orig().packets());
        assertEquals(4, f.resp().packets());
        assertEquals(200, f.orig().payloadBytes());
        assertEquals(300, f.resp().payloadBytes());
        assertEquals(5 * 54 + 200, f.orig().frameBytes());
        assertEquals(TestPackets.T0, f.tsFirst());
        assertEquals(TestPackets.T0 + 7_000_000, f.tsLast());
        assertEquals("F1", f.uid());
        assertEquals(0, f.split());
    }

    @Test
    void synAnsweredByRstAckIsRejected() {
        table.accept(tcp(0, C, 40000, S, 443, TCP_SYN, 7, 0));
        table.accept(tcp(0.001, S, 443, C, 40000, TCP_RST | TCP_ACK, 0, 0));
        Flow f = only();
        assertEquals("Sr", f.history());
        assertEquals("REJ", f.connState());
    }

    @Test
    void unansweredSynsAreS0AndRetransmittedSynIsOneLetter() {
        table.accept(tcp(0, C, 40000, S, 443, TCP_SYN, 7, 0));
        table.accept(tcp(1, C, 40000, S, 443, TCP_SYN, 7, 0));
        Flow f = only();
        assertEquals("S", f.history());
        assertEquals("S0", f.connState());
        assertEquals(2, f.orig().packets());
    }

    @Test
    void midstreamFromServerPortFlipsRolesAndMarksHistory() {
        table.accept(tcp(0, S, 443, C, 50000, TCP_ACK | TCP_PSH, 9000, 100));
        table.accept(tcp(0.001, C, 50000, S, 443, TCP_ACK, 100, 0));
        Flow f = only();
        assertEquals(C, f.origAddr().toString());
        assertEquals(50000, f.origPort());
        assertEquals(443, f.respPort());
        assertTrue(f.directionInferred());
        assertEquals("^dA", f.history());
        assertEquals("OTH", f.connState());
        assertEquals(1, f.resp().packets());
    }

    @Test
    void tcpWithBothServerPortsTakesTheLowerPortAsResponder() {
        table.accept(tcp(0, C, 80, S, 443, TCP_ACK, 1, 10));
        Flow f = only();
        assertEquals(443, f.origPort());
        assertEquals(80, f.respPort());
    }

    @Test
    void udpWithNeitherPortAServerKeepsTheFirstSenderAsOriginator() {
        table.accept(udp(0, S, 40001, C, 50002, 10));
        table.accept(udp(0.1, C, 50002, S, 40001, 10));
        Flow f = only();
        assertEquals(S, f.origAddr().toString());
        assertEquals("SF", f.connState());
        assertTrue(f.directionInferred());
    }

    @Test
    void udpReplyFromServerPortSeenFirstIsFlipped() {
        table.accept(udp(0, S, 3478, C, 50002, 10));
        Flow f = only();
        assertEquals(C, f.origAddr().toString());
        assertEquals(0, f.orig().packets());
        assertEquals("SHR", f.connState());
    }

    @Test
    void udpPacketAfterTheTimeoutStartsASplitFlow() {
        table.accept(udp(0, C, 5000, S, 3478, 20));
        table.accept(udp(0.5, S, 3478, C, 5000, 20));
        table.accept(udp(61.6, C, 5000, S, 3478, 20));
        table.finish();
        assertEquals(2, ended.size());
        assertEquals(0, ended.get(0).split());
        assertEquals(2, ended.get(0).packets());
        assertEquals(1, ended.get(1).split());
        assertEquals("F2", ended.get(1).uid());
        assertEquals(1, ended.get(1).packets());
    }

    @Test
    void uidsCanRunOnFromAnEarlierTablesWhileTheCountStaysThisTables() {
        table.numberUidsAfter(41);
        table.accept(udp(0, C, 5000, S, 3478, 20));
        table.accept(udp(0.1, C, 5001, S, 3478, 20));
        table.finish();
        assertEquals(List.of("F42", "F43"), ended.stream().map(Flow::uid).toList());
        assertEquals(2, table.flowsCreated());
        assertThrows(IllegalStateException.class, () -> table.numberUidsAfter(0), "only before the first flow");
    }

    @Test
    void timeoutsComeFromTheConfig() {
        table = new FlowTable(FlowConfig.defaults().withTimeouts(Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ofMinutes(1)), ended::add);
        table.accept(udp(0, C, 5000, S, 3478, 20));
        table.accept(udp(10.5, C, 5000, S, 3478, 20));
        table.finish();
        assertEquals(2, ended.size());
    }

    @Test
    void idleFlowsAreEmittedDuringTheRunSoMemoryFollowsLiveFlows() {
        for (int i = 0; i < 3000; i++) {
            table.accept(udp(i * 0.1, C, 10000 + i, S, 3478, 20));
        }
        // 1 minute of UDP timeout at 10 flows/s: about 600 live, never 3000
        assertTrue(table.peakLiveFlows() < 700, "peak " + table.peakLiveFlows());
        assertTrue(ended.size() > 2000, "ended " + ended.size());
        table.finish();
        assertEquals(3000, ended.size());
        assertEquals(0, table.liveFlows());
    }

    @Test
    void manyInterleavedFlowsWithSplitsKeepTheirOwnCountersStatesAndSplitNumbers() {
        // 1 000 conversations, 40 at a time, each talking in two bursts about 80 s apart: the UDP ones
        // time out in between (60 s) and come back while their key is still dormant (a split); the TCP
        // ones close with a RST and reopen with a new SYN; flows end, keys go dormant and come back
        // all along, while others are live
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        int conversations = 1000;
        int[] packets = new int[conversations];
        double t = 0;
        List<int[]> order = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            packets[c] = 3 + rnd.nextInt(6);
        }
        for (int burst = 0; burst < 2; burst++) {
            for (int base = 0; base < conversations; base += 40) {
                for (int k = 0; k < 10; k++) {
                    for (int c = base; c < base + 40; c++) {
                        if (k < packets[c]) {
                            order.add(new int[] {c, k, burst});
                        }
                    }
                }
            }
        }
        for (int[] o : order) {
            int c = o[0];
            int k = o[1];
            boolean last = k == packets[c] - 1;
            t += 0.015; // 1 000 × 5.5 packets per burst: about 80 s of capture per burst
            String client = "203.0.113." + (1 + c % 200);
            int cport = 20000 + c;
            if (c % 2 == 0) {
                table.accept(k % 2 == 0 ? udp(t, client, cport, S, 3478, 10 + k) : udp(t, S, 3478, client, cport, 10 + k));
            } else {
                long seq = o[2] * 100_000L;
                int flags = k == 0 ? TCP_SYN : last ? TCP_RST : TCP_ACK | TCP_PSH;
                table.accept(k % 2 == 0 || k == 0 || last ? tcp(t, client, cport, S, 443, flags, seq + k * 10, k == 0 || last ? 0 : 10)
                        : tcp(t, S, 443, client, cport, TCP_ACK | TCP_PSH, seq + 50_000 + k * 10, 10));
            }
        }
        table.finish();
        assertEquals(2 * conversations, ended.size());
        assertTrue(table.peakLiveFlows() < conversations, "flows ended during the run: peak " + table.peakLiveFlows());
        java.util.Map<String, List<Flow>> byKey = new java.util.HashMap<>();
        for (Flow f : ended) {
            byKey.computeIfAbsent(f.origAddr() + ":" + f.origPort() + "-" + f.respPort(), x -> new ArrayList<>()).add(f);
        }
        assertEquals(conversations, byKey.size());
        for (int c = 0; c < conversations; c++) {
            List<Flow> flows = byKey.get("203.0.113." + (1 + c % 200) + ":" + (20000 + c) + "-" + (c % 2 == 0 ? 3478 : 443));
            assertEquals(2, flows.size(), "conversation " + c);
            for (int split = 0; split < 2; split++) {
                Flow f = flows.get(split);
                assertEquals(split, f.split(), "conversation " + c);
                assertEquals(packets[c], f.packets(), "conversation " + c + " split " + split);
                if (c % 2 == 0) {
                    assertEquals((packets[c] + 1) / 2, f.orig().packets());
                    assertEquals("SF", f.connState());
                } else {
                    int fromServer = 0;
                    for (int k = 1; k < packets[c] - 1; k++) {
                        fromServer += k % 2;
                    }
                    assertEquals(fromServer, f.resp().packets(), "conversation " + c);
                    assertTrue(f.history().startsWith("S"), f.history());
                    assertTrue(f.history().endsWith("R"), f.history());
                }
            }
        }
    }

    @Test
    void closedTcpFlowIsEmittedAfterTheLinger() {
        table.accept(tcp(0, C, 50000, S, 443, TCP_SYN, 1, 0));
        table.accept(tcp(0.01, S, 443, C, 50000, TCP_RST | TCP_ACK, 0, 0));
        table.accept(udp(3, C, 5000, S, 53, 20));
        assertTrue(ended.isEmpty(), "still lingering");
        table.accept(udp(6.5, C, 5000, S, 53, 20));
        assertEquals(1, ended.size());
        assertEquals("REJ", ended.get(0).connState());
    }

    @Test
    void newSynAfterCloseStartsTheNextFlowOfTheKey() {
        table.accept(tcp(0, C, 50000, S, 443, TCP_SYN, 1, 0));
        table.accept(tcp(0.01, S, 443, C, 50000, TCP_RST | TCP_ACK, 0, 0));
        table.accept(tcp(1, C, 50000, S, 443, TCP_SYN, 999, 0));
        table.finish();
        assertEquals(2, ended.size());
        assertEquals("REJ", ended.get(0).connState());
        assertEquals(1, ended.get(1).split());
        assertEquals("S0", ended.get(1).connState());
    }

    @Test
    void icmpPortUnreachableQuotingALiveFlowIsAttachedToItAndMakesNoFlow() {
        table.accept(udp(0, C, 5000, S, 9999, 20));
        table.accept(icmpQuotingUdp(0.001, S, C, 3, 3, C, 5000, S, 9999));
        table.accept(icmpQuotingUdp(0.002, S, C, 3, 13, C, 5000, S, 9999)); // a second error: kept out too
        Flow u = only();
        assertEquals("udp", u.transportName());
        assertEquals("icmp 3/3 port unreachable from " + S, u.icmpRefusalReason());
        assertEquals(2, u.icmpRefusal().packetNumber() - u.firstPackets().get(0).packetNumber() + 1);
        assertEquals(1, u.packets(), "the error is evidence, not a packet of the flow");
        assertEquals(2, table.icmpErrorsAttached());
        assertEquals(0, table.packetsWithoutFlow());
    }

    @Test
    void icmpErrorQuotingNoKnownFlowIsAFlowOfItsOwn() {
        table.accept(udp(0, C, 5000, S, 9999, 20));
        table.accept(icmpQuotingUdp(0.001, S, C, 3, 3, C, 5001, S, 9999)); // another source port
        table.finish();
        assertEquals(2, ended.size());
        assertNull(ended.get(0).icmpRefusal());
        Flow i = ended.get(1);
        assertEquals("icmp", i.transportName());
        assertEquals(3, i.origPort());
        assertEquals(3, i.respPort());
        assertEquals(0, table.icmpErrorsAttached());
    }

    @Test
    void icmpErrorQuotingAFlowThatAlreadyEndedIsAFlowOfItsOwn() {
        table.accept(udp(0, C, 5000, S, 9999, 20));
        table.accept(icmpQuotingUdp(120, S, C, 3, 3, C, 5000, S, 9999)); // after the 1 min UDP timeout
        table.finish();
        assertEquals(2, ended.size());
        assertNull(ended.get(0).icmpRefusal());
        assertEquals("icmp", ended.get(1).transportName());
    }

    @Test
    void icmpEchoRequestAndReplyShareOneFlow() {
        table.accept(icmp(0, C, S, 8, 0));
        table.accept(icmp(0.01, S, C, 0, 0));
        Flow f = only();
        assertEquals(1, f.orig().packets());
        assertEquals(1, f.resp().packets());
        assertEquals(8, f.origPort());
        assertEquals(0, f.respPort());
    }

    @Test
    void vlanIdsArePartOfTheKey() {
        table.accept(TestPackets.withVlan(udp(0, C, 5000, S, 53, 20), 100, 200));
        table.accept(TestPackets.withVlan(udp(0, C, 5000, S, 53, 20), 100, 300));
        table.accept(TestPackets.withVlan(udp(0, S, 53, C, 5000, 20), 100, 200));
        table.finish();
        assertEquals(2, ended.size());
        assertEquals("100.200", ended.get(0).vlanText());
        assertEquals(2, ended.get(0).packets());
        assertEquals("100.300", ended.get(1).vlanText());
    }

    @Test
    void ipv6FlowsAreKeyedOnAllSixteenBytes() {
        table.accept(udp(0, "2001:db8::1", 5000, "2001:db8::2", 53, 20));
        table.accept(udp(0, "2001:db8::1:1", 5000, "2001:db8::2", 53, 20));
        table.accept(udp(0, "2001:db8::2", 53, "2001:db8::1", 5000, 20));
        table.finish();
        assertEquals(2, ended.size());
        assertEquals("[2001:db8::1]:5000", Flow.endpoint(ended.get(0).origAddr(), ended.get(0).origPort()));
        assertEquals(2, ended.get(0).packets());
    }

    @Test
    void packetsWithoutTransportOrPortsJoinNoFlow() {
        Packet arp = TestPackets.ip(0, Packet.UDP, C, S, 60, 0);
        arp.ipVersion = 0;
        arp.transport = Packet.NONE;
        table.accept(arp);
        Packet laterFragment = udp(0, C, 0, S, 0, 100);
        laterFragment.fragment = true;
        laterFragment.hasPorts = false;
        table.accept(laterFragment);
        table.finish();
        assertTrue(ended.isEmpty());
        assertEquals(2, table.packetsWithoutFlow());
    }

    @Test
    void keepsTheFirstFivePacketRefsAndTheFirstPacketsInterfaceAndDirection() {
        CaptureFile file = new CaptureFile(3, "b.pcapng");
        for (int i = 1; i <= 7; i++) {
            Packet p = i % 2 == 1 ? udp(i, C, 5000, S, 53, 20) : udp(i, S, 53, C, 5000, 20);
            table.accept(TestPackets.withFrame(p, file, 100 + i, Direction.OUTBOUND, i == 1 ? "eth0" : "eth1"));
        }
        Flow f = only();
        assertEquals(5, f.firstPackets().size());
        assertEquals("b.pcapng#101", f.firstPackets().get(0).toString());
        assertEquals("b.pcapng#105", f.firstPackets().get(4).toString());
        assertEquals(3, f.firstPackets().get(0).fileIndex());
        assertEquals("eth0", f.interfaceName());
        assertEquals("outbound", f.direction());
    }

    @Test
    void directionFlagIsTheOriginatorsWhenTheFirstPacketCameFromTheResponder() {
        table.accept(TestPackets.withFrame(udp(0, S, 53, C, 5000, 20), TestPackets.FILE, 1, Direction.INBOUND, "e"));
        assertEquals("outbound", only().direction());
    }

    @Test
    void observersAreAskedOnceAndSeeUpdatedCounters() {
        List<String> seen = new ArrayList<>();
        PacketObserver stunOnly = new PacketObserver() {
            @Override
            public boolean wants(Flow flow) {
                seen.add("wants " + flow.respPort());
                return flow.respPort() == 3478;
            }

            @Override
            public boolean onPacket(Flow flow, boolean fromOrig, Packet packet) {
                seen.add((fromOrig ? "orig " : "resp ") + flow.packets());
                return true;
            }

            @Override
            public void flowEnded(Flow flow) {
                seen.add("ended " + flow.uid());
            }
        };
        table = new FlowTable(FlowConfig.defaults(), ended::add, List.of(stunOnly));
        table.accept(udp(0, C, 5000, S, 3478, 20));
        table.accept(udp(0, S, 3478, C, 5000, 20));
        table.accept(udp(0, C, 5001, S, 53, 20));
        table.accept(udp(0, C, 5001, S, 53, 20));
        table.finish();
        assertEquals(List.of("wants 3478", "orig 1", "resp 2", "wants 53", "ended F1"), seen);
    }

    @Test
    void anObserverThatDetachesGetsNoMorePacketsButStillTheEndAndFullCounters() {
        List<String> seen = new ArrayList<>();
        PacketObserver firstTwo = new PacketObserver() {
            @Override
            public boolean wants(Flow flow) {
                return true;
            }

            @Override
            public boolean onPacket(Flow flow, boolean fromOrig, Packet packet) {
                seen.add("packet " + flow.packets());
                return flow.packets() < 2; // made up its mind at the second packet
            }

            @Override
            public void flowEnded(Flow flow) {
                seen.add("ended with " + flow.packets());
            }
        };
        table = new FlowTable(FlowConfig.defaults(), ended::add, List.of(firstTwo));
        for (int i = 0; i < 5; i++) {
            table.accept(udp(i, C, 5000, S, 3478, 20));
        }
        table.finish();
        assertEquals(List.of("packet 1", "packet 2", "ended with 5"), seen);
        assertEquals(5, only().orig().packets());
    }

    @Test
    void markPartialFlagsTheLiveFlowsOfThatFileOnly() {
        CaptureFile a = new CaptureFile(0, "a.pcap");
        CaptureFile b = new CaptureFile(1, "b.pcap");
        table.accept(TestPackets.withFrame(udp(0, C, 5000, S, 53, 20), a, 1, Direction.UNKNOWN, null));
        table.accept(TestPackets.withFrame(udp(0, C, 5001, S, 53, 20), b, 1, Direction.UNKNOWN, null));
        table.markPartial(1);
        table.finish();
        assertFalse(ended.get(0).partial());
        assertTrue(ended.get(1).partial());
    }

    @Test
    void packetsOfAKnownFlowAllocateNothing() {
        Packet p = tcp(0, C, 50000, S, 443, TCP_ACK, 1, 100);
        Packet q = tcp(0, S, 443, C, 50000, TCP_ACK, 1, 100);
        for (int i = 0; i < 20_000; i++) { // warm up past the kept packet refs and JIT
            table.accept(i % 2 == 0 ? p : q);
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 200_000; i++) {
            table.accept(i % 2 == 0 ? p : q);
        }
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for 200000 packets");
    }

    /** Vantage = file index, as {@code analyze --capture-point hlb=a.pcap --capture-point node1=b.pcap}. */
    private static final VantageResolver BY_FILE = (file, iface, name) -> file;

    @Test
    void oneConversationSeenAtTwoVantagesIsTwoFlowsWithTheirOwnPackets() {
        CaptureFile hlb = new CaptureFile(0, "hlb.pcap");
        CaptureFile node = new CaptureFile(1, "node1.pcap");
        table = new FlowTable(FlowConfig.defaults(), ended::add, List.of(), BY_FILE);
        // the same SYN, SYN-ACK seen at both capture points, interleaved in time as a merged read gives them
        table.accept(TestPackets.withFrame(tcp(0, C, 50000, S, 443, TCP_SYN, 1, 0), hlb, 1, Direction.UNKNOWN, null));
        table.accept(TestPackets.withFrame(tcp(0.001, C, 50000, S, 443, TCP_SYN, 1, 0), node, 1, Direction.UNKNOWN, null));
        table.accept(TestPackets.withFrame(tcp(0.002, S, 443, C, 50000, TCP_SYN | TCP_ACK, 9, 0), node, 2,
                Direction.UNKNOWN, null));
        table.accept(TestPackets.withFrame(tcp(0.003, S, 443, C, 50000, TCP_SYN | TCP_ACK, 9, 0), hlb, 2,
                Direction.UNKNOWN, null));
        table.finish();
        assertEquals(2, ended.size(), () -> "flows: " + ended);
        for (Flow f : ended) {
            assertEquals(1, f.orig().packets(), f::toString);
            assertEquals(1, f.resp().packets(), f::toString);
            assertEquals("Sh", f.history(), f::toString);
            int file = f.firstPackets().get(0).fileIndex();
            assertEquals(file, f.vantage());
            assertTrue(f.firstPackets().stream().allMatch(r -> r.fileIndex() == file), f::toString);
        }
        assertEquals(List.of("F1", "F2"), ended.stream().map(Flow::uid).sorted().toList());
    }

    @Test
    void withoutAResolverRotatedFilesOfOneCaptureStayOneFlow() {
        CaptureFile first = new CaptureFile(0, "cap-1.pcap");
        CaptureFile second = new CaptureFile(1, "cap-2.pcap");
        table.accept(TestPackets.withFrame(udp(0, C, 5000, S, 53, 20), first, 1, Direction.UNKNOWN, null));
        table.accept(TestPackets.withFrame(udp(0.5, S, 53, C, 5000, 20), second, 1, Direction.UNKNOWN, null));
        Flow f = only();
        assertEquals(0, f.vantage());
        assertEquals(2, f.packets());
    }

    @Test
    void pcapngInterfacesMappedToTwoVantagesSplitTheConversation() {
        VantageResolver byName = (file, iface, name) -> "node1-ext".equals(name) ? 1 : 0;
        table = new FlowTable(FlowConfig.defaults(), ended::add, List.of(), byName);
        for (int i = 0; i < 3; i++) {
            table.accept(TestPackets.withFrame(udp(i, C, 5000, S, 3478, 20), TestPackets.FILE, 2 * i + 1,
                    Direction.UNKNOWN, "hlb-outside"));
            table.accept(TestPackets.withFrame(udp(i, C, 5000, S, 3478, 20), TestPackets.FILE, 2 * i + 2,
                    Direction.UNKNOWN, "node1-ext"));
        }
        table.finish();
        assertEquals(2, ended.size(), () -> "flows: " + ended);
        assertEquals("hlb-outside", ended.get(0).interfaceName());
        assertEquals(3, ended.get(0).packets());
        assertEquals("node1-ext", ended.get(1).interfaceName());
        assertEquals(3, ended.get(1).packets());
        assertEquals(1, ended.get(1).vantage());
    }

    @Test
    void theResolverIsAskedOncePerFileAndInterface() {
        int[] asked = new int[1];
        table = new FlowTable(FlowConfig.defaults(), ended::add, List.of(), (file, iface, name) -> {
            asked[0]++;
            return 7;
        });
        CaptureFile b = new CaptureFile(1, "b.pcap");
        for (int i = 0; i < 100; i++) {
            table.accept(TestPackets.withFrame(udp(i * 0.01, C, 5000 + i % 3, S, 53, 20), i % 2 == 0 ? TestPackets.FILE : b,
                    i + 1, Direction.UNKNOWN, "eth0"));
        }
        table.finish();
        assertEquals(2, asked[0]);
        assertTrue(ended.stream().allMatch(f -> f.vantage() == 7));
    }

    @Test
    void anIcmpErrorIsMatchedAtItsOwnVantageOnly() {
        CaptureFile hlb = new CaptureFile(0, "hlb.pcap");
        CaptureFile node = new CaptureFile(1, "node1.pcap");
        table = new FlowTable(FlowConfig.defaults(), ended::add, List.of(), BY_FILE);
        table.accept(TestPackets.withFrame(udp(0, C, 5000, S, 9999, 20), hlb, 1, Direction.UNKNOWN, null));
        table.accept(TestPackets.withFrame(udp(0, C, 5000, S, 9999, 20), node, 1, Direction.UNKNOWN, null));
        table.accept(TestPackets.withFrame(icmpQuotingUdp(0.001, S, C, 3, 3, C, 5000, S, 9999), node, 2,
                Direction.UNKNOWN, null));
        table.finish();
        Flow atHlb = ended.stream().filter(f -> f.vantage() == 0 && f.transport() == Packet.UDP).findFirst().orElseThrow();
        Flow atNode = ended.stream().filter(f -> f.vantage() == 1 && f.transport() == Packet.UDP).findFirst().orElseThrow();
        assertNull(atHlb.icmpRefusal());
        assertEquals("node1.pcap#2", atNode.icmpRefusal().toString());
    }
}

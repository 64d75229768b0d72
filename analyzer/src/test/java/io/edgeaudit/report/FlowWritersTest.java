package io.edgeaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowWritersTest {
    private static final long T0 = 1_795_507_200_000_000_001L; // 2026-11-24T08:00:00.000000001Z
    private static final java.time.format.DateTimeFormatter JAVA_TIME = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private static Flow sample() {
        Flow f = new Flow("F7", 17, IpAddress.parse("203.0.113.10"), 5000, IpAddress.parse("198.51.100.21"), 9999,
                2, 100, 200, "eth0", "outbound", true, 1, T0);
        f.orig().add(62, 20);
        f.resp().add(90, 0);
        f.tsLast(T0 + 1_500_000_000L);
        f.connState("SF");
        f.addPacketRef(new PacketRef(0, "a.pcap", 1, T0));
        f.addPacketRef(new PacketRef(1, "b.pcap", 4, T0));
        f.icmpRefusal(new PacketRef(1, "b.pcap", 5, T0), "icmp 3/3 port unreachable from 198.51.100.21");
        f.serverName("=cmd|' /C calc'!A0"); // packet data: a formula to neutralise
        return f;
    }

    @Test
    void csvHasTheDocumentedColumnsRawIntegersAndNanosecondTimestamps() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FlowCsvWriter w = new FlowCsvWriter(out)) {
            w.flowEnded(sample());
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("ts_first,ts_last,transport,orig_addr,orig_port,resp_addr,resp_port,vlan,interface,orig_pkts,"
                + "orig_frame_bytes,orig_payload_bytes,resp_pkts,resp_frame_bytes,resp_payload_bytes,conn_state,history,"
                + "direction_inferred,first_packets,uid,split,direction,icmp_refusal,partial,server_name", lines[0]);
        assertEquals("2026-11-24T08:00:00.000000001Z,2026-11-24T08:00:01.500000001Z,udp,203.0.113.10,5000,"
                + "198.51.100.21,9999,100.200,eth0,1,62,20,1,90,0,SF,,true,a.pcap#1;b.pcap#4,F7,1,outbound,"
                + "b.pcap#5 icmp 3/3 port unreachable from 198.51.100.21,false,'=cmd|' /C calc'!A0", lines[1]);
        assertEquals(2, lines.length);
    }

    @Test
    void csvTextCellsFromTheCaptureOrCommandLineCannotBecomeFormulasWhileIntegersStayRaw() throws Exception {
        // the interface name comes from the capture (pcapng if_name), file names from the command line
        Flow f = new Flow("F8", 6, IpAddress.parse("203.0.113.10"), 5000, IpAddress.parse("198.51.100.21"), 443,
                0, 0, 0, "=HYPERLINK(\"http://x\")", "outbound", false, 1, T0);
        f.orig().add(62, 0);
        f.addPacketRef(new PacketRef(0, "@evil.pcap", 1, T0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FlowCsvWriter w = new FlowCsvWriter(out)) {
            w.flowEnded(f);
        }
        String row = out.toString(StandardCharsets.UTF_8).split("\n")[1];
        assertTrue(row.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), row);
        assertTrue(row.contains(",'@evil.pcap#1,"), row);
        assertTrue(row.contains(",5000,") && row.contains(",443,") && row.contains(",1,62,0,"), row);
    }

    @Test
    void handFormattedTimestampsEqualJavaTimeOnEveryKindOfDate() {
        FlowFields.Rfc3339 fast = new FlowFields.Rfc3339();
        java.util.List<Long> cases = new java.util.ArrayList<>(java.util.List.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L,
                951_782_400_000_000_000L,          // 2000-02-29 (leap: divisible by 400)
                4_107_456_000_000_000_000L - 1,    // 2100-02-28T23:59:59.999999999 (2100 is no leap year)
                -2_203_977_600_000_000_000L,       // 1900-02-28 (no leap year either)
                T0, T0 + 86_399_999_999_999L));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            cases.add(rnd.nextLong());
        }
        RowBytes b = new RowBytes(8);
        for (long ns : cases) {
            b.truncate(0);
            fast.appendTo(b, ns);
            String javaTime = JAVA_TIME.format(java.time.Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L),
                    Math.floorMod(ns, 1_000_000_000L)));
            assertEquals(javaTime, b.toString(), "epoch nanos " + ns);
            assertEquals(javaTime, FlowFields.timestamp(ns), "epoch nanos " + ns);
        }
    }

    @Test
    void jsonIsOneArrayWithTheSameFieldsTyped() throws Exception {
        StringWriter out = new StringWriter();
        try (FlowJsonWriter w = new FlowJsonWriter(out)) {
            w.flowEnded(sample());
            w.flowEnded(sample());
        }
        JsonNode a = new ObjectMapper().readTree(out.toString());
        assertEquals(2, a.size());
        JsonNode f = a.get(0);
        assertEquals(25, f.size());
        assertEquals("=cmd|' /C calc'!A0", f.get("server_name").asText()); // JSON keeps the text as it was
        assertEquals(5000, f.get("orig_port").asInt());
        assertTrue(f.get("orig_pkts").isNumber());
        assertTrue(f.get("direction_inferred").asBoolean());
        assertEquals("b.pcap#4", f.get("first_packets").get(1).asText());
        assertEquals("2026-11-24T08:00:00.000000001Z", f.get("ts_first").asText());
    }

    @org.junit.jupiter.api.Test
    void cellsWrittenWithoutTheLibraryAreExactlyWhatCommonsCsvWouldWrite() throws Exception {
        // \u0161 and \u0101 end in the bytes of 'a' and a control character: a char must not pass as its low byte
        String alphabet = "aZ09._:^/;-+#@= ,\"\n\r\t'!$\u00fc\u0161\u0101\u20ac";
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        int plain = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = 1 + rnd.nextInt(6); n > 0; n--) {
                s.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            StringBuilder library = new StringBuilder();
            FlowCsvWriter.FORMAT.print(CsvCells.safe(s.toString()), library, false);
            if (plain(s)) {
                plain++;
                assertEquals("," + s, library.toString(), "cell " + s);
                assertTrue(s.chars().allMatch(c -> c < 0x80), "a plain cell is ASCII: " + s);
            }
            if (i % 40 == 0) { // and through the writer, plain or not: the interface cell is the library's
                Flow f = new Flow("F1", 17, IpAddress.parse("203.0.113.10"), 5000, IpAddress.parse("198.51.100.21"),
                        9999, 0, 0, 0, s.toString(), null, false, 0, T0);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (FlowCsvWriter w = new FlowCsvWriter(out)) {
                    w.flowEnded(f);
                }
                String row = out.toString(StandardCharsets.UTF_8);
                row = row.substring(row.indexOf('\n') + 1);
                String before = "2026-11-24T08:00:00.000000001Z,2026-11-24T08:00:00.000000001Z,udp,203.0.113.10,5000,"
                        + "198.51.100.21,9999,";
                assertEquals(before + library + ",0,0,0,0,0,0,OTH,,false,,F1,0,,,false,\n", row, "cell " + s);
            }
        }
        assertTrue(plain > 1000, "plain cells tried: " + plain);
        assertTrue(plain("ShADadFf") && plain("^hADF") && plain("capture-1.pcap#12;capture-2.pcap#3"));
        assertFalse(plain("-1") || plain("#x") || plain("a,b") || plain("a b") || plain("")
                || plain("\u0161") || plain("\u0101"));
    }

    @Test
    void firstPacketsFromFilesWhoseNamesAreNotPlainAreQuotedWhole() throws Exception {
        Flow f = sample();
        Flow g = new Flow("F9", 17, IpAddress.parse("203.0.113.10"), 5000, IpAddress.parse("198.51.100.21"), 9999,
                0, 0, 0, null, null, false, 0, T0);
        g.addPacketRef(new PacketRef(0, "day 1.pcap", 3, T0));
        g.addPacketRef(new PacketRef(1, "n\u00fc,2.pcap", 4, T0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FlowCsvWriter w = new FlowCsvWriter(out)) {
            w.flowEnded(f);
            w.flowEnded(g);
            w.flowEnded(f); // the cached name of a.pcap/b.pcap is not the one of the row before
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[1].contains(",a.pcap#1;b.pcap#4,F7,"), lines[1]);
        assertTrue(lines[2].contains(",false,\"day 1.pcap#3;n\u00fc,2.pcap#4\",F9,"), lines[2]);
        assertEquals(lines[1], lines[3]);
    }

    private static boolean plain(CharSequence cell) {
        return FlowCsvWriter.isPlain(new RowBytes(1).putAscii(cell), 0);
    }
}

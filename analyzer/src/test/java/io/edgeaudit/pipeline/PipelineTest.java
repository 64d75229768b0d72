package io.edgeaudit.pipeline;

import io.edgeaudit.capture.CaptureException;
import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.capture.Direction;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.Weird;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.FlowConfig;
import io.edgeaudit.flow.FlowTable;
import io.edgeaudit.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineTest {
    private static final long T0 = 1_767_225_600_000_000_000L;

    /** A UDP datagram as a frame whose bytes are: src address (4), dst address (4), src port, dst port (2 each). */
    private record Datagram(int file, long ts, String src, int sp, String dst, int dp) {
    }

    /** Frames from a list; {@code failAfter} frames of file 0 and then a CaptureException for it. */
    private static final class ListSource implements CaptureSource {
        private final List<CaptureFile> files;
        private final List<Datagram> datagrams;
        private final int failAfter;
        private final Frame frame = new Frame();
        private int next;
        private boolean failed;

        ListSource(List<CaptureFile> files, List<Datagram> datagrams, int failAfter) {
            this.files = files;
            this.datagrams = datagrams;
            this.failAfter = failAfter;
        }

        @Override
        public boolean next() throws CaptureException {
            if (!failed && next == failAfter) {
                failed = true;
                CaptureException e = new CaptureException(files.get(0).name(), failAfter + 1, 4242,
                        "record length 70000 (expected: at most 65535)");
                files.get(0).error(e);
                throw e;
            }
            if (next >= datagrams.size()) {
                return false;
            }
            Datagram d = datagrams.get(next++);
            byte[] b = new byte[12];
            System.arraycopy(IpAddress.parse(d.src()).toBytes(), 0, b, 0, 4); // source address
            System.arraycopy(IpAddress.parse(d.dst()).toBytes(), 0, b, 4, 4); // destination address
            b[8] = (byte) (d.sp() >> 8);  // source port
            b[9] = (byte) d.sp();
            b[10] = (byte) (d.dp() >> 8); // destination port
            b[11] = (byte) d.dp();
            frame.set(files.get(d.file()), next, 0, 0, d.ts(), 1, b, 0, b.length, 60, -1, null, Direction.UNKNOWN);
            return true;
        }

        @Override
        public Frame frame() {
            return frame;
        }

        @Override
        public List<CaptureFile> files() {
            return files;
        }

        @Override
        public void close() {
        }
    }

    /** Reads the test frame layout above; frames with port 0 are reported as non-IP. */
    private static final class TestDecoder implements FrameDecoder {
        final Anomalies anomalies = new Anomalies();
        boolean finished;

        @Override
        public void decode(Frame frame, Packet p) {
            p.reset(frame);
            byte[] b = frame.data();
            int sp = (b[8] & 0xff) << 8 | (b[9] & 0xff);
            if (sp == 0) {
                anomalies.report(Weird.NON_IP, frame, 0);
                return;
            }
            p.ipVersion = 4;
            p.addrLength = 4;
            p.srcAddrOffset = 0;
            p.dstAddrOffset = 4;
            p.transport = Packet.UDP;
            p.srcPort = sp;
            p.dstPort = (b[10] & 0xff) << 8 | (b[11] & 0xff);
            p.hasPorts = true;
            p.wirePayloadLength = 18;
        }

        @Override
        public Anomalies anomalies() {
            return anomalies;
        }

        @Override
        public void finish() {
            finished = true;
        }
    }

    @Test
    void readsAllInputsIntoOneFlowTableAndSummarisesEachFile() {
        List<CaptureFile> files = List.of(new CaptureFile(0, "a.pcap"), new CaptureFile(1, "b.pcap"));
        List<Datagram> d = List.of(
                new Datagram(0, T0, "192.0.2.1", 5000, "192.0.2.2", 53),
                new Datagram(0, T0 + 1, "192.0.2.2", 53, "192.0.2.1", 5000),
                new Datagram(1, T0 + 2, "192.0.2.1", 5000, "192.0.2.2", 53),
                new Datagram(1, T0 + 3, "192.0.2.1", 5001, "192.0.2.2", 53),
                new Datagram(1, T0 + 4, "192.0.2.1", 0, "192.0.2.2", 0));
        List<Flow> flows = new ArrayList<>();
        TestDecoder decoder = new TestDecoder();
        List<long[]> progress = new ArrayList<>();
        RunSummary s = new Pipeline(decoder, new FlowTable(FlowConfig.defaults(), flows::add))
                .run(new ListSource(files, d, -1), (f, p, b) -> progress.add(new long[] {f, p, b}));
        assertEquals(2, flows.size());
        assertEquals(3, flows.get(0).packets());
        assertEquals("a.pcap#1;a.pcap#2;b.pcap#3", String.join(";",
                flows.get(0).firstPackets().stream().map(Object::toString).toList()));
        assertEquals(5, s.packets());
        assertEquals(2, s.flows());
        assertEquals(1, s.packetsWithoutFlow());
        assertEquals(2, s.files().get(0).packets());
        assertEquals(1, s.files().get(0).flowsStarted());
        assertEquals(3, s.files().get(1).packets());
        assertEquals(1, s.files().get(1).flowsStarted());
        assertEquals("non_ip", s.anomalies().get(0).name());
        assertFalse(s.partial());
        assertTrue(decoder.finished);
        assertEquals(List.of(2L, 5L, 60L), List.of(progress.get(progress.size() - 1)[0],
                progress.get(progress.size() - 1)[1], progress.get(progress.size() - 1)[2]));
    }

    @Test
    void eachFileListsItsOwnAnomaliesWithItsOwnFirstOccurrence() {
        List<CaptureFile> files = List.of(new CaptureFile(0, "a.pcap"), new CaptureFile(1, "b.pcap"),
                new CaptureFile(2, "clean.pcap"));
        List<Datagram> d = List.of(
                new Datagram(1, T0, "192.0.2.1", 0, "192.0.2.2", 0),     // frame 1: non_ip in b
                new Datagram(0, T0 + 1, "192.0.2.1", 0, "192.0.2.2", 0), // frame 2: non_ip in a
                new Datagram(1, T0 + 2, "192.0.2.1", 0, "192.0.2.2", 0), // frame 3: non_ip in b
                new Datagram(2, T0 + 3, "192.0.2.1", 5000, "192.0.2.2", 53));
        RunSummary s = new Pipeline(new TestDecoder(), new FlowTable(FlowConfig.defaults(), f -> { }))
                .run(new ListSource(files, d, -1), null);
        assertEquals(3, s.anomalies().get(0).count());
        assertEquals("b.pcap", s.anomalies().get(0).first().file());
        Anomalies.Entry a = s.files().get(0).anomalies().get(0);
        assertEquals("non_ip", a.name());
        assertEquals(1, a.count());
        assertEquals(new Anomalies.Occurrence("a.pcap", 2, 0), a.first());
        Anomalies.Entry b = s.files().get(1).anomalies().get(0);
        assertEquals(2, b.count());
        assertEquals(new Anomalies.Occurrence("b.pcap", 1, 0), b.first());
        assertEquals(List.of(), s.files().get(2).anomalies());
    }

    @Test
    void aBrokenInputIsRecordedItsLiveFlowsMarkedPartialAndTheRestStillRead() {
        List<CaptureFile> files = List.of(new CaptureFile(0, "cut.pcap"), new CaptureFile(1, "ok.pcap"));
        List<Datagram> d = List.of(
                new Datagram(0, T0, "192.0.2.1", 5000, "192.0.2.2", 53),
                new Datagram(1, T0 + 1, "192.0.2.1", 6000, "192.0.2.2", 53));
        List<Flow> flows = new ArrayList<>();
        RunSummary s = new Pipeline(new TestDecoder(), new FlowTable(FlowConfig.defaults(), flows::add))
                .run(new ListSource(files, d, 1), null);
        assertEquals(2, flows.size());
        assertTrue(flows.get(0).partial());
        assertFalse(flows.get(1).partial());
        assertTrue(s.partial());
        assertEquals("cut.pcap: packet 2 at byte offset 4242: record length 70000 (expected: at most 65535)",
                s.files().get(0).error());
        assertNull(s.files().get(1).error());
    }
}

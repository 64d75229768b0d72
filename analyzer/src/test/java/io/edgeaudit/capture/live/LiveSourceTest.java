package io.edgeaudit.capture.live;

import io.edgeaudit.capture.Frame;
import io.edgeaudit.capture.LinkType;
import io.edgeaudit.capture.live.LiveCaptureException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Captures on the loopback interface; needs root (or CAP_NET_RAW) and libpcap, else skipped. */
class LiveSourceTest {
    private static final int PORT = 47_613;

    @BeforeAll
    static void needsCapture() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to open a packet socket");
        try {
            LiveLibrary.check();
        } catch (LiveCaptureException e) {
            assumeTrue(false, e.getMessage());
        }
    }

    @Test
    void deliversLoopbackDatagramsInOrderWithNanosecondTimestamps() throws Exception {
        LiveOptions o = LiveOptions.defaults("lo").withFilter("udp and dst port " + PORT);
        long before = LiveSource.wallClockNanos();
        try (LiveSource source = LiveSource.open(o); DatagramSocket s = new DatagramSocket()) {
            assertEquals(LinkType.ETHERNET, source.linkType(), "Linux loopback is captured as Ethernet");
            for (int i = 1; i <= 5; i++) {
                byte[] b = ("datagram " + i).getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), PORT));
            }
            for (int i = 1; i <= 5; i++) {
                assertTrue(source.next(), "frame " + i);
                Frame f = source.frame();
                assertEquals(i, f.packetNumber());
                assertEquals("live:lo", f.file().name());
                assertEquals("lo", f.interfaceName());
                assertEquals(14 + 20 + 8 + 10, f.capturedLength(), "Ethernet + IPv4 + UDP + 'datagram N'");
                assertEquals(f.capturedLength(), f.originalLength());
                String payload = new String(f.data(), f.dataOffset() + 42, 10, StandardCharsets.US_ASCII);
                assertEquals("datagram " + i, payload);
                long now = LiveSource.wallClockNanos();
                assertTrue(f.timestampNanos() >= before - TimeUnit.SECONDS.toNanos(1) && f.timestampNanos() <= now,
                        "timestamp within the test: " + f.timestampNanos());
            }
            LiveStats stats = source.stats();
            assertEquals(5, stats.delivered());
            assertTrue(stats.received() >= 5, stats.toString());
            assertFalse(stats.hasDrops(), stats.toString());
        }
    }

    @Test
    void theKernelBufferAbsorbsAPipelineStallWithoutDrops() throws Exception {
        // a 2-slot ring: the capture thread blocks at once and the backlog stays in the kernel
        // (TPACKET_V3 blocks), as when the pipeline thread pauses for a GC or a report
        LiveOptions o = new LiveOptions("lo", LiveOptions.DEFAULT_SNAPLEN, false, LiveOptions.DEFAULT_BUFFER_BYTES,
                "udp and dst port " + (PORT + 2), 2, false);
        int n = 20_000;
        try (LiveSource source = LiveSource.open(o); DatagramSocket s = new DatagramSocket()) {
            byte[] b = new byte[64];
            for (int i = 0; i < n; i++) {
                s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), PORT + 2));
            }
            Thread.sleep(300);
            for (int i = 1; i <= n; i++) {
                assertTrue(source.next(), "frame " + i);
            }
            LiveStats stats = source.stats();
            assertEquals(0, stats.droppedByKernel(), stats.toString());
            assertEquals(n, stats.delivered());
        }
    }

    @Test
    void stopEndsTheStreamAfterQueuedFrames() throws Exception {
        try (LiveSource source = LiveSource.open(LiveOptions.defaults("lo").withFilter("udp and dst port " + (PORT + 1)))) {
            source.ticker(now -> source.stop(), TimeUnit.MILLISECONDS.toNanos(200));
            long t0 = System.nanoTime();
            assertFalse(source.next(), "no traffic, then stop: end of stream");
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "stop is prompt");
            assertTrue(source.isStopRequested());
        }
    }

    @Test
    void aBadFilterIsTheCompilersMessageOnOneLine() {
        LiveCaptureException e = assertThrows(LiveCaptureException.class,
                () -> LiveSource.open(LiveOptions.defaults("lo").withFilter("tcp port")));
        assertEquals(Reason.BAD_FILTER, e.reason());
        assertEquals("bad --filter 'tcp port': can't parse filter expression: syntax error", e.getMessage());
    }

    @Test
    void anUnknownInterfaceSaysWhereToLook() {
        LiveCaptureException e = assertThrows(LiveCaptureException.class,
                () -> LiveSource.open(LiveOptions.defaults("nosuch9")));
        assertEquals(Reason.NO_SUCH_INTERFACE, e.reason());
        assertEquals("live:nosuch9: no such interface (see 'edgeaudit interfaces')", e.getMessage());
    }
}

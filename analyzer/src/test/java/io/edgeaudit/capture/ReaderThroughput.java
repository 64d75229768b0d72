package io.edgeaudit.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Throwaway measurement harness (not a test): reader throughput on a generated capture.
 *
 * <pre>
 * java -cp analyzer/target/classes:analyzer/target/test-classes:DEPS io.edgeaudit.capture.ReaderThroughput \
 *      generate /tmp/big.pcap 10000000
 * ... ReaderThroughput pcapng /tmp/big.pcapng /tmp/big.pcap     (rewrite as pcapng with direction flags)
 * ... ReaderThroughput read /tmp/big.pcap [digest|nodigest|libpcap|direct] [rounds]
 * </pre>
 * Generated frames are Ethernet/IPv4/UDP, 54 to 181 bytes (about 100 bytes of record on average),
 * over 4096 address pairs, one microsecond apart.
 */
public final class ReaderThroughput {
    private ReaderThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args[1]);
        if (args[0].equals("generate")) {
            generate(path, Long.parseLong(args[2]));
        } else if (args[0].equals("pcapng")) {
            toPcapng(Path.of(args[2]), path);
        } else {
            String mode = args.length > 2 ? args[2] : "digest";
            for (int round = 0; round < (args.length > 3 ? Integer.parseInt(args[3]) : 1); round++) {
                read(path, mode);
            }
        }
    }

    private static void generate(Path path, long packets) throws IOException {
        byte[] frame = new byte[200];
        // Ethernet: dst, src, type IPv4
        for (int i = 0; i < 12; i++) {
            frame[i] = (byte) (0x10 + i);
        }
        frame[12] = 0x08;
        frame[14] = 0x45;   // IPv4, IHL 5
        frame[22] = 64;     // TTL
        frame[23] = 17;     // UDP
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20);
             PcapWriter w = new PcapWriter(os, LinkType.ETHERNET, 262_144, false)) {
            long ts = 1_700_000_000_000_000_000L;
            for (long n = 0; n < packets; n++) {
                int pair = (int) (n * 2654435761L >>> 20) & 4095;
                int len = 54 + (int) ((n * 7919) % 128);
                int ipLen = len - 14;
                frame[16] = (byte) (ipLen >> 8);
                frame[17] = (byte) ipLen;
                frame[26] = 10; frame[27] = 0; frame[28] = (byte) (pair >> 8); frame[29] = (byte) pair;   // src 10.0.x.y
                frame[30] = (byte) 192; frame[31] = (byte) 168; frame[32] = 1; frame[33] = (byte) (pair & 7); // dst
                frame[34] = (byte) 0xc3; frame[35] = (byte) pair;        // src port
                frame[36] = 0x0d; frame[37] = (byte) 0x96;              // dst port 3478
                frame[38] = (byte) ((ipLen - 20) >> 8);
                frame[39] = (byte) (ipLen - 20);
                w.writeFrame(ts + n * 1000, frame, 0, len, len);
            }
        }
    }

    /** Rewrites a capture as pcapng with one interface and direction flags, via our reader and writer. */
    private static void toPcapng(Path from, Path to) throws IOException {
        try (CaptureSource src = new CaptureFileReader(new CaptureFile(0, from.toString()), from, false);
             OutputStream os = new BufferedOutputStream(Files.newOutputStream(to), 1 << 20);
             PcapngWriter w = new PcapngWriter(os)) {
            int id = w.addInterface(LinkType.ETHERNET, 0, "bench0");
            while (src.next()) {
                Frame f = src.frame();
                Direction d = (f.packetNumber() & 1) == 0 ? Direction.INBOUND : Direction.OUTBOUND;
                w.writePacket(id, f.timestampNanos(), f.data(), f.dataOffset(), f.capturedLength(), f.originalLength(),
                        d, null);
            }
        }
    }

    private static void read(Path path, String mode) throws IOException {
        long size = Files.size(path);
        if (mode.equals("direct")) {
            long start = System.nanoTime();
            long check = 0;
            long packets = 0;
            try (java.io.InputStream in = Files.newInputStream(path)) {
                RecordBuffer rb = new RecordBuffer(in);
                rb.ensure(4);
                Frame frame = new Frame();
                PcapReader r = new PcapReader(new CaptureFile(0, "x"), rb, frame);
                while (r.readRecord()) {
                    check += frame.data()[frame.dataOffset() + 29] + frame.capturedLength();
                    packets++;
                }
            }
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: %d packets, %.0f MB in %.2f s = %.0f MB/s, %.2f Mpackets/s (check %d)%n",
                    mode, packets, size / 1e6, s, size / 1e6 / s, packets / 1e6 / s, check);
            return;
        }
        CaptureFile file = new CaptureFile(0, path.toString());
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long allocatedBefore = mx.getCurrentThreadAllocatedBytes();
        long packets = 0;
        long check = 0;
        try (CaptureSource src = mode.equals("libpcap")
                ? CaptureSources.open(List.of(path), CaptureSources.Reader.LIBPCAP, n -> { })
                : new CaptureFileReader(file, path, !mode.equals("nodigest"))) {
            while (src.next()) {
                Frame f = src.frame();
                check += f.data()[f.dataOffset() + 29] + f.capturedLength();
                packets++;
            }
            if (src.files().get(0).sha256() != null) {
                check += src.files().get(0).sha256().length();
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        long allocated = mx.getCurrentThreadAllocatedBytes() - allocatedBefore;
        System.out.printf("%s: %d packets, %.0f MB in %.2f s = %.0f MB/s, %.2f Mpackets/s, reading thread allocated"
                        + " %d bytes (%.2f per packet) (check %d)%n",
                mode, packets, size / 1e6, s, size / 1e6 / s, packets / 1e6 / s, allocated,
                (double) allocated / packets, check);
    }
}

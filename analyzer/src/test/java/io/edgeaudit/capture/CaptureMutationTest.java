package io.edgeaudit.capture;

import static io.edgeaudit.capture.CaptureBytes.frameData;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeaudit.capture.CaptureBytes.Options;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomly damaged captures (seeded, so reproducible) end in frames and at most one one-line
 * {@link CaptureException}: never another exception type, never a frame outside its buffer.
 */
class CaptureMutationTest {
    private static final int ROUNDS = 600;
    private static final int[] NASTY = {0, 1, 3, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000, 262_144, 262_145, 0x0A0D0D0A};

    @TempDir
    Path dir;

    private static byte[] base(String kind) throws IOException {
        return switch (kind) {
            case "pcap" -> CaptureBytes.in(ByteOrder.BIG_ENDIAN).pcapHeader(PcapReader.MAGIC_NANOS, 65535, 1)
                    .pcapRecord(1, 2, frameData(60, 1), 60).pcapRecord(3, 4, frameData(33, 2), 90)
                    .pcapRecord(5, 6, frameData(1, 3), 1).bytes();
            case "pcapng" -> CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).shb()
                    .idb(1, 64, Options.of().text(2, "eth0").add(9, (byte) 0x8a))
                    .epb(0, 1L << 40, frameData(61, 1), 61, Options.of().int32(2, 1, ByteOrder.LITTLE_ENDIAN))
                    .spb(100, frameData(40, 2)).pb(0, 7, frameData(9, 3), 9, null)
                    .block(0xBAD, frameData(13, 4)).shb().idb(101, 0, null).epb(0, 9, frameData(20, 5), 20, null)
                    .bytes();
            default -> CaptureBytes.gzip(base("pcapng"));
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcap", "pcapng", "gzip"})
    void damagedFilesEndInFramesAndOneLineErrorsOnly(String kind) throws IOException {
        byte[] original = base(kind);
        Random random = new Random(kind.hashCode());
        Path file = dir.resolve("m." + kind);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = mutate(original, random);
            Files.write(file, bytes);
            CaptureFile cf = new CaptureFile(0, "m");
            try (CaptureFileReader r = new CaptureFileReader(cf, file)) {
                Frames.Result res = Frames.read(r); // anything but CaptureException escapes and fails the test
                for (Frames.Copy f : res.frames()) {
                    assertTrue(f.data().length <= CaptureLimits.MAX_RECORD_LENGTH);
                }
                if (res.error() != null) {
                    assertFalse(res.error().getMessage().contains("\n"), res.error().getMessage());
                    assertFalse(r.next(), "ended after the error");
                }
                assertTrue(cf.sha256() != null, "hash of round " + round);
            }
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(4)) {
                case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                case 1 -> {
                    int at = random.nextInt(Math.max(1, b.length - 3)) & ~3;
                    if (at + 4 <= b.length) {
                        ByteBuffer.wrap(b).putInt(at, NASTY[random.nextInt(NASTY.length)]);
                    }
                }
                case 2 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
                default -> {
                    int at = random.nextInt(Math.max(1, b.length - 1));
                    if (at + 2 <= b.length) {
                        b[at] = (byte) 0xFF;
                        b[at + 1] = (byte) 0xFF;
                    }
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }
}

package io.edgeaudit.decode;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.CaptureFileReader;
import io.edgeaudit.capture.Frame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures the decoder on a capture. Two figures: (1) the best of several rounds of reading the
 * file alone and of reading + decoding it, (2) decoding alone, over the first frames held in memory
 * (so disk, page cache and the reader's SHA-256 thread do not blur the decoder's own cost). Run by
 * {@code bench/decode-bench.sh}; not a test.
 */
public final class DecodeBench {
    private static final int IN_MEMORY_FRAMES = 1_000_000;

    private DecodeBench() {
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long bestRead = Long.MAX_VALUE;
        long bestDecode = Long.MAX_VALUE;
        long frames = 0;
        long transports = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            frames = readAll(path, false);
            long t1 = System.nanoTime();
            transports = readAll(path, true);
            long t2 = System.nanoTime();
            bestRead = Math.min(bestRead, t1 - t0);
            bestDecode = Math.min(bestDecode, t2 - t1);
        }
        System.out.printf("file: %d frames, %d with a transport; best of %d: read %.2f s (%.0f pkt/s), "
                        + "read+decode %.2f s (%.0f pkt/s)%n", frames, transports, rounds, bestRead / 1e9,
                frames * 1e9 / bestRead, bestDecode / 1e9, frames * 1e9 / bestDecode);
        decodeInMemory(path, rounds);
    }

    private static long readAll(Path path, boolean decode) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        long n = 0;
        try (CaptureFileReader reader = new CaptureFileReader(new CaptureFile(0, path.toString()), path)) {
            while (reader.next()) {
                if (!decode || decoder.decode(reader.frame(), p)) {
                    n++;
                }
            }
        }
        decoder.finish();
        return n;
    }

    private static void decodeInMemory(Path path, int rounds) throws IOException {
        byte[] data = new byte[64 << 20];
        int[] offsets = new int[IN_MEMORY_FRAMES + 1];
        int[] original = new int[IN_MEMORY_FRAMES];
        long[] times = new long[IN_MEMORY_FRAMES];
        int linkType = 0;
        int n = 0;
        try (CaptureFileReader reader = new CaptureFileReader(new CaptureFile(0, path.toString()), path)) {
            while (n < IN_MEMORY_FRAMES && reader.next()) {
                Frame f = reader.frame();
                if (offsets[n] + f.capturedLength() > data.length) {
                    break;
                }
                System.arraycopy(f.data(), f.dataOffset(), data, offsets[n], f.capturedLength());
                offsets[n + 1] = offsets[n] + f.capturedLength();
                original[n] = f.originalLength();
                times[n] = f.timestampNanos();
                linkType = f.linkType();
                n++;
            }
        }
        Frame frame = new Frame();
        CaptureFile file = new CaptureFile(0, path.toString());
        long[] perRound = new long[rounds * 3];
        for (int r = 0; r < perRound.length; r++) {
            PacketDecoder decoder = new PacketDecoder();
            Packet p = new Packet();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                frame.set(file, i + 1, offsets[i], offsets[i], times[i], linkType, data, offsets[i],
                        offsets[i + 1] - offsets[i], original[i], -1, null, io.edgeaudit.capture.Direction.UNKNOWN);
                decoder.decode(frame, p);
            }
            perRound[r] = System.nanoTime() - t0;
        }
        Arrays.sort(perRound);
        System.out.printf("decode only, %d frames in memory, %d rounds: best %.1f ns/pkt (%.0f pkt/s), median %.1f ns/pkt%n",
                n, perRound.length, (double) perRound[0] / n, n * 1e9 / perRound[0], (double) perRound[perRound.length / 2] / n);
    }
}

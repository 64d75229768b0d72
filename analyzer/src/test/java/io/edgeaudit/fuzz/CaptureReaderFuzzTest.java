package io.edgeaudit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.edgeaudit.capture.CaptureException;
import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.capture.CaptureSources;
import io.edgeaudit.capture.Frame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for the capture readers (issue 7): arbitrary bytes as a capture file (pcap, pcapng or
 * gzip, whichever the magic says), and the same bytes gzip-compressed. Reading must end normally or
 * with one {@link CaptureException} whose message is one line naming the file; any other exception,
 * an OutOfMemoryError or a hang (Jazzer's per-input timeout) is a finding. Every frame delivered must
 * lie inside its buffer and be numbered 1, 2, 3, ...
 *
 * <p>{@code mvn test} replays the seeds in {@code CaptureReaderFuzzTestInputs/} (small valid pcap,
 * pcapng and gzip captures, plus every crash found); {@code analyzer/fuzz.sh} fuzzes for real.
 */
class CaptureReaderFuzzTest {
    private static final Path DIR = FuzzFiles.tempDir("edgeaudit-fuzz-reader");

    @FuzzTest(maxDuration = "10m")
    void readsArbitraryBytesToTheEndOrToOneLineError(byte[] input) {
        Path plain = FuzzFiles.write(DIR.resolve("input.pcap"), input);
        read(plain);
        Path gz = FuzzFiles.write(DIR.resolve("input.pcap.gz"), gzip(input));
        read(gz);
    }

    /** Reads {@code file} to its end; returns the frames read before the end or the error. */
    static long read(Path file) {
        long frames = 0;
        try (CaptureSource source = CaptureSources.open(List.of(file))) {
            while (source.next()) {
                Frame f = source.frame();
                frames++;
                assertEquals(frames, f.packetNumber(), "packet numbers run 1, 2, 3, ...");
                assertTrue(f.capturedLength() >= 0 && f.dataOffset() >= 0
                        && f.capturedLength() <= f.data().length - f.dataOffset(), "frame inside its buffer");
                assertTrue(f.originalLength() >= 0, "original length is not negative");
            }
        } catch (CaptureException e) {
            assertOneLine(e.getMessage());
            assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
            assertTrue(e.packetNumber() >= 0 && e.packetNumber() <= frames + 1, e.getMessage());
            assertTrue(e.byteOffset() >= 0, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("not a CaptureException: " + e, e);
        }
        return frames;
    }

    static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "not one line: " + message);
    }

    static byte[] gzip(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 32);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

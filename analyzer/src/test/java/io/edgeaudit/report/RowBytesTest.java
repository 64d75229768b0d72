package io.edgeaudit.report;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowBytesTest {
    @Test
    void numbersAreWhatLongToStringWrites() {
        List<Long> cases = new ArrayList<>(List.of(0L, 9L, 10L, 99L, 100L, -1L, -10L, 999_999_999_999_999_999L,
                1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            cases.add(p - 1);
            cases.add(p);
            cases.add(-p);
        }
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            long v = rnd.nextLong();
            cases.add(v >> rnd.nextInt(64)); // every magnitude
        }
        RowBytes b = new RowBytes(4);
        for (long v : cases) {
            b.truncate(0);
            assertEquals(Long.toString(v), b.put(v).toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "203.0.113.10", "255.255.255.255", "10.0.0.1", "2001:db8::1", "::",
            "::ffff:192.0.2.1", "fe80::1:2:3:4", "2001:db8:0:0:1:0:0:1"})
    void addressesAreTheirText(String text) {
        IpAddress a = IpAddress.parse(text);
        assertEquals("x=" + a, new RowBytes(1).putAscii("x=").put(a).toString());
    }

    @Test
    void digitsArePaddedToTheirWidth() {
        assertEquals("000000042|7|123456789", new RowBytes(2).putDigits(42, 9).put('|').putDigits(7, 1).put('|')
                .putDigits(123_456_789, 9).toString());
    }

    @Test
    void textIsTheUtf8AWriterWouldWriteAndGrowingKeepsEveryByte() throws Exception {
        String text = "eth0 \u00fc\u20ac\ud83d\ude00 lone \ud800 end"; // 2-, 3-, 4-byte sequences and an unpaired surrogate
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(expected, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 100; i++) {
                w.write(text);
                w.write(Integer.toString(i));
            }
        }
        RowBytes b = new RowBytes(1);
        for (int i = 0; i < 100; i++) {
            b.putUtf8(text).put(i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        assertArrayEquals(expected.toByteArray(), out.toByteArray());
        assertEquals(0, b.length(), "written bytes are not written twice");
    }

    @Test
    void csvRowsReachTheStreamWholeWhileTheRunGoesOn() throws Exception {
        List<byte[]> writes = new ArrayList<>();
        OutputStream recording = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(java.util.Arrays.copyOfRange(b, off, off + len));
            }
        };
        int flows = 3 * FlowCsvWriter.FLUSH_BYTES / 100; // rows are over 100 bytes: several flushes
        int writesBeforeClose;
        try (FlowCsvWriter w = new FlowCsvWriter(recording)) {
            for (int i = 0; i < flows; i++) {
                w.flowEnded(new Flow("F" + i, 17, IpAddress.parse("203.0.113.10"), 5000 + i % 1000,
                        IpAddress.parse("2001:db8::21"), 3478, 0, 0, 0, "n\u00fcc-\u20ac", null, true, 0, 1_000_000_000L * i));
            }
            writesBeforeClose = writes.size();
        }
        assertTrue(writesBeforeClose >= 2, "rows went out during the run, not all at close: " + writesBeforeClose);
        StringBuilder all = new StringBuilder();
        for (byte[] chunk : writes) {
            assertEquals('\n', chunk[chunk.length - 1], "every write ends with a whole row");
            all.append(new String(chunk, StandardCharsets.UTF_8)); // decodes alone: whole UTF-8 sequences
        }
        String[] lines = all.toString().split("\n");
        assertEquals(flows + 1, lines.length);
        assertTrue(lines[flows].contains(",2001:db8::21,3478,,n\u00fcc-\u20ac,0,0,0,0,0,0,OTH,,true,,F" + (flows - 1) + ","),
                lines[flows]);
    }
}

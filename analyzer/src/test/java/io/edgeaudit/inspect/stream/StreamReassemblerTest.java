package io.edgeaudit.inspect.stream;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamReassemblerTest {

    /** Consumes 4-byte records and remembers them; counts gaps. */
    static final class Fours implements StreamConsumer {
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int gaps;

        @Override
        public int consume(byte[] buf, int off, int len) {
            if (len < 4) {
                return 0;
            }
            seen.write(buf, off, 4);
            return 4;
        }

        @Override
        public void gap() {
            gaps++;
        }
    }

    private static final byte[] DATA = "abcdefghijklmnop".getBytes();

    @Test
    void deliversInOrderBytesAcrossSegmentsAndDropsRetransmissions() {
        Fours c = new Fours();
        StreamReassembler r = new StreamReassembler(64, c);
        r.syn(99);
        assertEquals(StreamReassembler.Outcome.APPENDED, r.offer(100, DATA, 0, 6));
        assertEquals(StreamReassembler.Outcome.DUPLICATE, r.offer(100, DATA, 0, 6));
        assertEquals(StreamReassembler.Outcome.APPENDED, r.offer(104, DATA, 4, 8)); // overlaps 2 bytes
        assertEquals(StreamReassembler.Outcome.APPENDED, r.offer(112, DATA, 12, 4));
        assertArrayEquals(DATA, c.seen.toByteArray());
        assertEquals(0, r.buffered());
    }

    @Test
    void handlesSequenceNumberWrapAround() {
        Fours c = new Fours();
        StreamReassembler r = new StreamReassembler(64, c);
        r.syn(0xFFFFFFFDL);                                 // first data byte at 0xFFFFFFFE
        r.offer(0xFFFFFFFEL, DATA, 0, 4);
        r.offer(2, DATA, 4, 4);                             // 0xFFFFFFFE + 4 wraps to 2
        assertArrayEquals("abcdefgh".getBytes(), c.seen.toByteArray());
        assertEquals(0, r.gaps());
    }

    @Test
    void countsAGapAndTellsTheConsumer() {
        Fours c = new Fours();
        StreamReassembler r = new StreamReassembler(64, c);
        r.syn(99);
        r.offer(100, DATA, 0, 2);                           // half a record
        assertEquals(StreamReassembler.Outcome.GAP, r.offer(110, DATA, 10, 4));
        assertEquals(1, r.gaps());
        assertEquals(1, c.gaps);
        assertArrayEquals("klmn".getBytes(), c.seen.toByteArray());
    }

    @Test
    void overflowsInsteadOfGrowingPastTheBound() {
        StreamConsumer never = new StreamConsumer() {
            @Override
            public int consume(byte[] buf, int off, int len) {
                return 0;
            }

            @Override
            public void gap() {
            }
        };
        StreamReassembler r = new StreamReassembler(10, never);
        r.syn(0);
        assertEquals(StreamReassembler.Outcome.APPENDED, r.offer(1, DATA, 0, 8));
        assertEquals(StreamReassembler.Outcome.OVERFLOW, r.offer(9, DATA, 8, 8));
        assertEquals(1, r.overflows());
        assertEquals(0, r.buffered());
    }
}

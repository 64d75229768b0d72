package io.edgeaudit.flow;

import io.edgeaudit.decode.Packet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Segment sequences and the history and conn_state Zeek's conn.log gives for them (letters and
 * states as documented in base/protocols/conn/main.zeek). Each segment is
 * {@code o|r FLAGS SEQ LEN}: sender (originator or responder), flags from S A F R P, sequence
 * number and payload length.
 */
class TcpTrackerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            syn only                        | o S 0 0                                                  | S          | S0
            syn then rst-ack: rejected      | o S 0 0; r RA 0 0                                        | Sr         | REJ
            full open and close             | o S 0 0; r SA 100 0; o A 1 0; o AP 1 10; r A 101 0; r AP 101 20; o FA 11 0; r FA 121 0; o A 12 0 | ShADadFf | SF
            established, orig aborts        | o S 0 0; r SA 100 0; o A 1 0; o R 1 0                    | ShAR       | RSTO
            established, resp aborts        | o S 0 0; r SA 100 0; o A 1 0; r R 101 0                  | ShAr       | RSTR
            syn then orig rst               | o S 0 0; o R 1 0                                         | SR         | RSTOS0
            syn-ack then resp rst           | r SA 100 0; r R 101 0                                    | hr         | RSTRH
            syn then fin, no answer         | o S 0 0; o F 1 0                                         | SF         | SH
            syn-ack then fin, no syn        | r SA 100 0; r F 101 0                                    | hf         | SHR
            established, not closed         | o S 0 0; r SA 100 0; o A 1 0                             | ShA        | S1
            orig closes, resp silent        | o S 0 0; r SA 100 0; o A 1 0; o FA 1 0                   | ShAF       | S2
            resp closes, orig silent        | o S 0 0; r SA 100 0; o A 1 0; r FA 101 0                 | ShAf       | S3
            midstream data only             | o AP 500 10; r AP 900 10                                 | Dd         | OTH
            retransmitted payload           | o S 0 0; r SA 100 0; o A 1 0; o AP 1 100; o AP 1 100     | ShADT      | S1
            retransmitted syn is one S      | o S 0 0; o S 0 0; o S 0 0                                | S          | S0
            new syn sequence repeats S      | o S 0 0; o S 7777 0                                      | SS         | S0
            fin and rst together            | o S 0 0; r SA 100 0; o A 1 0; o FR 1 0                   | ShAI       | RSTO
            syn and fin together            | o SF 0 0                                                 | Q          | SH
            ack of a syn before syn-ack     | o S 0 0; r A 0 0; r SA 100 0; o A 1 0                    | SahA       | S1
            """)
    void historyAndConnStateFollowZeek(String name, String segments, String history, String connState) {
        TcpTracker t = new TcpTracker();
        long origBytes = 0;
        long respBytes = 0;
        for (String seg : segments.split(";")) {
            String[] f = seg.trim().split(" ");
            boolean fromOrig = f[0].equals("o");
            int len = Integer.parseInt(f[3]);
            t.onSegment(fromOrig, flags(f[1]), Long.parseLong(f[2]), len);
            if (fromOrig) {
                origBytes += len;
            } else {
                respBytes += len;
            }
        }
        assertEquals(history, t.history(), "history");
        assertEquals(connState, t.connState(origBytes, respBytes), "conn_state");
    }

    @org.junit.jupiter.api.Test
    void theNextConnectionOfAKeyStartsFromNothingAfterTheLastOneWasReleased() {
        TcpTracker t = new TcpTracker();
        t.resetTcp();
        t.flipped();
        t.onSegment(true, flags("S"), 0, 0);
        t.onSegment(false, flags("R"), 0, 0);
        assertEquals("^Sr", t.history());
        t.releaseTcp();
        assertEquals("", t.history());
        assertEquals("OTH", t.connState(0, 0));
        t.resetTcp();
        t.onSegment(true, flags("S"), 5000, 0);
        assertEquals("S", t.history());
        assertEquals("S0", t.connState(0, 0));
    }

    private static int flags(String s) {
        int f = 0;
        for (char c : s.toCharArray()) {
            f |= switch (c) {
                case 'S' -> Packet.TCP_SYN;
                case 'A' -> Packet.TCP_ACK;
                case 'F' -> Packet.TCP_FIN;
                case 'R' -> Packet.TCP_RST;
                case 'P' -> Packet.TCP_PSH;
                default -> throw new IllegalArgumentException("flag " + c);
            };
        }
        return f;
    }
}

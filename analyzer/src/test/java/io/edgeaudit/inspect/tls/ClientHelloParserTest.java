package io.edgeaudit.inspect.tls;

import io.edgeaudit.inspect.tls.ClientHelloParser.Result;
import io.edgeaudit.inspect.tls.ClientHelloParser.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientHelloParserTest {
    /** Offsets into {@link #HELLO}. */
    static final int RECORD_LENGTH = 3;
    static final int HANDSHAKE_LENGTH = 6;
    static final int SESSION_ID_LENGTH = 43;
    static final int SUITES_LENGTH = 44;
    static final int COMPRESSION_LENGTH = 48;
    static final int EXTENSIONS_LENGTH = 50;
    static final int SNI_LIST_LENGTH = 56;
    static final int SNI_NAME_LENGTH = 59;

    /** A TLS 1.2-style ClientHello naming "sip.example.com" and offering ALPN "h2", "http/1.1". */
    static final byte[] HELLO = hex(
            "16" + "0301" + "0059"            // record: handshake, legacy version 3.1, 89 bytes
            + "01" + "000055"                 // handshake: ClientHello, 85 bytes
            + "0303"                          // legacy_version TLS 1.2
            + "00".repeat(32)                 // random
            + "00"                            // session_id: empty
            + "0002" + "1301"                 // cipher_suites: 2 bytes, TLS_AES_128_GCM_SHA256
            + "01" + "00"                     // compression_methods: 1, null
            + "002a"                          // extensions: 42 bytes
            + "0000" + "0014"                 // server_name, 20 bytes
            + "0012"                          //   server_name_list: 18 bytes
            + "00" + "000f"                   //   host_name, 15 bytes
            + "7369702e6578616d706c652e636f6d" // "sip.example.com"
            + "0010" + "000e"                 // ALPN, 14 bytes
            + "000c"                          //   protocol_name_list: 12 bytes
            + "02" + "6832"                   //   "h2"
            + "08" + "687474702f312e31");     //   "http/1.1"

    @Test
    void readsTheServerNameAndAlpn() {
        Result r = parse(HELLO);
        assertEquals(Status.COMPLETE, r.status(), r.problem());
        assertEquals("sip.example.com", r.serverName());
        assertEquals(List.of("h2", "http/1.1"), r.alpn());
    }

    @Test
    void everyTruncationAsksForMoreBytes() {
        for (int n = 0; n < HELLO.length; n++) {
            Result r = parse(Arrays.copyOf(HELLO, n));
            assertEquals(Status.NEED_MORE, r.status(), n + " bytes: " + r.problem());
        }
    }

    @Test
    void aHelloSplitOverTwoRecordsIsJoined() {
        // the same handshake cut after 30 of its 89 bytes into two records
        byte[] body = Arrays.copyOfRange(HELLO, 5, HELLO.length);
        byte[] two = new byte[HELLO.length + 5];
        System.arraycopy(hex("1603010" + "01e"), 0, two, 0, 5); // record 1: 30 bytes
        System.arraycopy(body, 0, two, 5, 30);
        System.arraycopy(hex("16030100" + "3b"), 0, two, 35, 5); // record 2: 59 bytes
        System.arraycopy(body, 30, two, 40, 59);
        assertEquals("sip.example.com", parse(two).serverName());
        for (int n = 0; n < two.length; n++) {
            assertEquals(Status.NEED_MORE, parse(Arrays.copyOf(two, n)).status(), n + " bytes");
        }
    }

    @Test
    void aHelloWithoutServerNameIsCompleteWithNoName() {
        byte[] b = hex("16030100" + "2d" + "01000029" + "0303" + "00".repeat(32) + "00" + "0002" + "1301" + "0100");
        Result r = parse(b);
        assertEquals(Status.COMPLETE, r.status(), r.problem());
        assertNull(r.serverName());
    }

    @Test
    void otherProtocolsAreNotAClientHello() {
        assertEquals(Status.NOT_CLIENT_HELLO, parse("GET / HTTP/1.1\r\n".getBytes()).status());
        assertEquals(Status.NOT_CLIENT_HELLO, parse(hex("0001 0000 2112a442")).status()); // a STUN header
        byte[] serverHello = HELLO.clone();
        serverHello[5] = 2; // handshake type ServerHello
        assertEquals(Status.NOT_CLIENT_HELLO, parse(serverHello).status());
    }

    @Test
    void aLongServerNameIsCutWithAMark() {
        String name = "a".repeat(300);
        String ext = String.format("0000%04x%04x00%04x", name.length() + 5, name.length() + 3, name.length())
                + HexFormat.of().formatHex(name.getBytes());
        int exts = ext.length() / 2;
        int body = 2 + 32 + 1 + 4 + 2 + 2 + exts;
        byte[] b = hex(String.format("160301%04x01%06x0303", body + 4, body) + "00".repeat(32) + "00" + "00021301"
                + "0100" + String.format("%04x", exts) + ext);
        Result r = parse(b);
        assertEquals(ClientHelloParser.MAX_NAME, r.serverName().length());
        assertTrue(r.serverName().endsWith("...(truncated)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", value = {
            "record length 0                    | " + RECORD_LENGTH + "      | 0000",
            "record length above 2^14+256       | " + RECORD_LENGTH + "      | 4101",
            "ClientHello longer than 4 KiB      | " + HANDSHAKE_LENGTH + "   | 1000",
            "session_id longer than 32          | " + SESSION_ID_LENGTH + "  | 21",
            "odd cipher_suites length           | " + SUITES_LENGTH + "      | 0003",
            "cipher_suites past the end         | " + SUITES_LENGTH + "      | 00ff",
            "no compression method              | " + COMPRESSION_LENGTH + " | 00",
            "extensions shorter than the rest   | " + EXTENSIONS_LENGTH + "  | 0029",
            "extensions longer than the rest    | " + EXTENSIONS_LENGTH + "  | 002b",
            "server_name list length off by one | " + SNI_LIST_LENGTH + "   | 0013",
            "host_name past its extension       | " + SNI_NAME_LENGTH + "    | 0010",
    })
    void malformedLengthsAreReportedNotThrown(String what, int offset, String value) {
        byte[] b = HELLO.clone();
        byte[] v = hex(value);
        System.arraycopy(v, 0, b, offset, v.length);
        Result r = parse(b);
        assertEquals(Status.MALFORMED, r.status(), what + ": " + r.status());
        assertTrue(r.problem().contains("expected:"), r.problem());
    }

    private static Result parse(byte[] b) {
        return ClientHelloParser.parse(b, 0, b.length);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }
}

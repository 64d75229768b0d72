package io.edgeaudit.decode.ip;

import io.edgeaudit.decode.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv6ExtensionChainTest {
    private final Ipv6ExtensionChain chain = new Ipv6ExtensionChain();

    /** Routing (8 bytes), a first fragment, AH (16 bytes), then TCP: 32 bytes of headers. */
    private static byte[] headers() {
        return new Wire()
                .u8(44)                          // routing: next header fragment
                .u8(0)                           // length: 8 bytes
                .u8(4)                           // routing type 4 (segment routing)
                .u8(0)                           // segments left
                .u32(0)                          // type-specific
                .u8(51)                          // fragment: next header AH
                .u8(0)                           // reserved
                .u16(0x0001)                     // offset 0, M: first fragment
                .u32(77)                         // identification
                .u8(6)                           // AH: next header TCP
                .u8(2)                           // payload length: (2 + 2) * 4 = 16 bytes
                .u16(0)                          // reserved
                .u32(1)                          // SPI
                .u32(1)                          // sequence number
                .u32(0)                          // ICV (4 bytes)
                .fill(20, 0)                     // TCP header
                .toArray();
    }

    @Test
    void walksToTheUpperLayerThroughAFirstFragment() {
        byte[] b = headers();
        assertEquals(Ipv6ExtensionChain.OK, chain.walk(b, 43, 0, b.length, b.length));
        assertEquals(6, chain.next);
        assertEquals(32, chain.offset);
        assertEquals(20, chain.wireLeft);
        assertTrue(chain.fragment);
        assertTrue(chain.firstFragment);
        assertEquals(77, chain.fragmentId);
    }

    @Test
    void laterFragmentStopsAtTheFragmentHeader() {
        byte[] b = headers();
        b[11] = 0x08;                            // fragment offset 1 unit, M clear
        assertEquals(Ipv6ExtensionChain.OK, chain.walk(b, 43, 0, b.length, b.length));
        assertEquals(51, chain.next, "the fragment header's next header");
        assertEquals(16, chain.offset);
        assertTrue(chain.fragment);
        assertFalse(chain.firstFragment);
    }

    @Test
    void resultsAreResetBetweenWalks() {
        byte[] b = headers();
        chain.walk(b, 43, 0, b.length, b.length);
        assertEquals(Ipv6ExtensionChain.OK, chain.walk(b, 17, 0, b.length, b.length));
        assertFalse(chain.fragment);
        assertEquals(17, chain.next);
        assertEquals(0, chain.offset);
    }

    static IntStream everyCut() {
        return IntStream.range(0, 32);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("everyCut")
    void everyCutInsideTheChainIsTruncated(int length) {
        assertEquals(Ipv6ExtensionChain.TRUNCATED, chain.walk(headers(), 43, 0, length, 52));
        assertTrue(chain.offset <= length);
    }
}

package io.edgeaudit.decode.ip;

import static io.edgeaudit.decode.Bytes.u16;
import static io.edgeaudit.decode.Bytes.u32;
import static io.edgeaudit.decode.Bytes.u8;

/**
 * Walks an IPv6 extension-header chain (RFC 8200 §4) to the upper-layer header, with a cap on the
 * number of headers. A reusable result holder: {@link #walk} fills the fields, nothing allocates.
 * Used for the packet itself and for packets quoted in ICMPv6 errors, so it reports nothing; the
 * caller turns {@link #walk}'s status into anomalies.
 *
 * <p>Headers followed: hop-by-hop (0), routing (43), destination options (60) - length in 8-octet
 * units not counting the first 8 - fragment (44, fixed 8 bytes) and AH (51, RFC 4302: length in
 * 4-octet units minus 2). Anything else ends the chain as the upper layer, including no-next-header
 * (59), ESP (50, opaque) and mobility (135, which carries no transport).
 */
public final class Ipv6ExtensionChain {
    /** Extension headers followed before giving up; real stacks send a handful at most. */
    public static final int MAX_HEADERS = 16;

    public static final int HOP_BY_HOP = 0;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int AH = 51;
    public static final int NO_NEXT_HEADER = 59;
    public static final int DESTINATION_OPTIONS = 60;

    /** {@link #walk} outcomes. */
    public static final int OK = 0;
    public static final int TRUNCATED = 1;
    public static final int TOO_LONG = 2;

    /*
     * Fragment header (RFC 8200 §4.5):
     *  0               1               2                             3
     *  | Next Header   |   Reserved    |  Fragment Offset (13) |Res|M|
     *  |                        Identification                       |
     */
    private static final int FRAGMENT_HEADER = 8;
    private static final int FRAGMENT_OFFSET_MASK = 0xfff8;

    /** Upper-layer protocol number (after a later fragment: the fragment header's next header). */
    public int next;
    /** Index of the upper-layer header, or of the header the walk stopped at when not OK. */
    public int offset;
    /** Wire bytes left from {@link #offset} to the end of the IPv6 payload. */
    public int wireLeft;
    /** True when a fragment header with a non-zero offset or the M flag set was found. */
    public boolean fragment;
    /** With {@link #fragment}: the offset was 0 (this fragment holds the upper-layer header). */
    public boolean firstFragment;
    /** With {@link #fragment}: the 32-bit identification. */
    public long fragmentId;

    /**
     * Walks from {@code nextHeader} (the fixed header's Next Header field) at {@code off}.
     *
     * @param capEnd   end of the captured bytes that belong to this IPv6 packet
     * @param wireLeft IPv6 payload length on the wire ({@code >= capEnd - off})
     * @return {@link #OK}, {@link #TRUNCATED} (a header runs past capEnd) or {@link #TOO_LONG}
     */
    public int walk(byte[] b, int nextHeader, int off, int capEnd, int wireLeft) {
        fragment = false;
        firstFragment = false;
        fragmentId = 0;
        int headers = 0;
        while (true) {
            next = nextHeader;
            offset = off;
            this.wireLeft = wireLeft;
            int length;
            switch (nextHeader) {
                case HOP_BY_HOP, ROUTING, DESTINATION_OPTIONS:
                    if (capEnd - off < 2) {
                        return TRUNCATED;
                    }
                    length = (u8(b, off + 1) + 1) * 8;
                    break;
                case AH:
                    if (capEnd - off < 2) {
                        return TRUNCATED;
                    }
                    length = (u8(b, off + 1) + 2) * 4;
                    break;
                case FRAGMENT:
                    length = FRAGMENT_HEADER;
                    break;
                default:
                    return OK;
            }
            if (++headers > MAX_HEADERS) {
                return TOO_LONG;
            }
            if (length > capEnd - off) {
                return TRUNCATED;
            }
            nextHeader = u8(b, off);
            if (next == FRAGMENT) {
                int offsetAndFlags = u16(b, off + 2);
                boolean more = (offsetAndFlags & 1) != 0;
                boolean first = (offsetAndFlags & FRAGMENT_OFFSET_MASK) == 0;
                // offset 0 without M is an atomic fragment (RFC 6946): a whole packet, not a fragment
                if (more || !first) {
                    fragment = true;
                    firstFragment = first;
                    fragmentId = u32(b, off + 4);
                }
                if (!first) {
                    // a later fragment: what follows is the middle of the original payload
                    next = nextHeader;
                    offset = off + length;
                    this.wireLeft = wireLeft - length;
                    return OK;
                }
            }
            off += length;
            wireLeft -= length;
        }
    }
}

package io.edgeaudit.capture;

/**
 * One pcapng interface (IDB) as the reader needs it per packet: link type, snaplen, name, and the
 * conversion of its timestamp units to epoch nanoseconds (if_tsresol, if_tsoffset).
 */
final class PcapngInterface {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    final int globalIndex;
    final int linkType;
    /** 0 means no limit. */
    final long snaplen;
    /** if_name, else if_description, else null. */
    final String name;
    /** if_tsresol byte: bit 7 clear = 10^-n seconds, set = 2^-n seconds; default 6 (microseconds). */
    private final int resolution;
    private final long offsetSeconds;

    PcapngInterface(int globalIndex, int linkType, long snaplen, String name, int resolution, long offsetSeconds) {
        this.globalIndex = globalIndex;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.name = name;
        this.resolution = resolution;
        this.offsetSeconds = offsetSeconds;
    }

    /**
     * Converts a 64-bit unsigned count of this interface's units to nanoseconds since the epoch.
     * Values beyond a long's range (before 1677 or after 2262) saturate at its ends rather than wrap.
     */
    long toNanos(long ticks) {
        long nanos;
        int exponent = resolution & 0x7F;
        if ((resolution & 0x80) == 0) {
            if (exponent <= 9) {
                long factor = POWERS_OF_TEN[9 - exponent];
                nanos = Long.compareUnsigned(ticks, Long.MAX_VALUE / factor) > 0 ? Long.MAX_VALUE : ticks * factor;
            } else if (exponent - 9 < POWERS_OF_TEN.length) {
                nanos = Long.divideUnsigned(ticks, POWERS_OF_TEN[exponent - 9]);
            } else {
                nanos = 0;
            }
        } else {
            long seconds;
            long fractionNanos;
            if (exponent == 0) {
                seconds = ticks;
                fractionNanos = 0;
            } else if (exponent < 64) {
                seconds = ticks >>> exponent;
                // (fraction / 2^exponent) * 1e9 = high 64 bits of (fraction << (64 - exponent)) * 1e9
                fractionNanos = unsignedMultiplyHigh(ticks << (64 - exponent), NANOS_PER_SECOND);
            } else {
                seconds = 0;
                fractionNanos = unsignedMultiplyHigh(ticks, NANOS_PER_SECOND) >>> (exponent - 64);
            }
            nanos = Long.compareUnsigned(seconds, Long.MAX_VALUE / NANOS_PER_SECOND) > 0 ? Long.MAX_VALUE
                    : saturatedAdd(seconds * NANOS_PER_SECOND, fractionNanos);
        }
        if (offsetSeconds != 0) {
            long limit = Long.MAX_VALUE / NANOS_PER_SECOND;
            if (offsetSeconds > limit || offsetSeconds < -limit) {
                return offsetSeconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            nanos = saturatedAdd(nanos, offsetSeconds * NANOS_PER_SECOND);
        }
        return nanos;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        // overflow iff both operands have the sign opposite to the result's
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    /** Java 18's Math.unsignedMultiplyHigh, from the signed one. */
    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }
}

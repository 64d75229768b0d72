package io.edgeaudit.capture.live;

import java.util.Objects;

/**
 * How to open a live capture. Immutable; {@link #defaults(String)} gives the values {@code watch} uses.
 *
 * @param interfaceName  the libpcap device name (as {@code edgeaudit interfaces} lists it)
 * @param snaplen        bytes kept of each frame, 64..262144
 * @param promiscuous    true to ask the NIC for frames not addressed to it (what a SPAN port needs)
 * @param bufferBytes    libpcap's kernel ring size in bytes (pcap_set_buffer_size), at least 1 MiB:
 *                       the slack that absorbs bursts while the JVM is busy (GC, window reports)
 * @param filter         a BPF expression (pcap-filter(7)), or null to capture everything
 * @param ringSlots      packets the capture thread may queue ahead of the pipeline thread (power of two)
 * @param immediate      libpcap immediate mode: each frame handed over at once instead of within the
 *                       100 ms block timeout. Off by default: on Linux (libpcap 1.10) it switches to
 *                       TPACKET_V2, whose kernel ring has fixed slots of the snaplen, so 64 MiB holds
 *                       about a thousand frames at snaplen 262144 (one GC pause of drops at 200 000
 *                       pps); TPACKET_V3 packs frames into blocks and holds a few hundred thousand
 */
public record LiveOptions(String interfaceName, int snaplen, boolean promiscuous, int bufferBytes,
                          String filter, int ringSlots, boolean immediate) {

    /** tcpdump's default snaplen: every frame whole, even with offloads (GRO) on. */
    public static final int DEFAULT_SNAPLEN = 262_144;
    /** 64 MiB: about 0.3 s of 200 000 pps of 1 kB frames (TPACKET_V3 blocks are preallocated). */
    public static final int DEFAULT_BUFFER_BYTES = 64 << 20;
    public static final int DEFAULT_RING_SLOTS = 1 << 16;

    public LiveOptions {
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (snaplen < 64 || snaplen > 262_144) {
            throw new IllegalArgumentException("snaplen " + snaplen + " out of range (expected: 64..262144)");
        }
        if (bufferBytes < (1 << 20)) {
            throw new IllegalArgumentException("buffer " + bufferBytes + " bytes too small (expected: at least 1 MiB)");
        }
        if (ringSlots < 2 || Integer.bitCount(ringSlots) != 1) {
            throw new IllegalArgumentException("ring slots " + ringSlots + " (expected: a power of two, at least 2)");
        }
        if (filter != null && filter.isBlank()) {
            filter = null;
        }
    }

    public static LiveOptions defaults(String interfaceName) {
        return new LiveOptions(interfaceName, DEFAULT_SNAPLEN, true, DEFAULT_BUFFER_BYTES, null, DEFAULT_RING_SLOTS, false);
    }

    public LiveOptions withSnaplen(int n) {
        return new LiveOptions(interfaceName, n, promiscuous, bufferBytes, filter, ringSlots, immediate);
    }

    public LiveOptions withFilter(String bpf) {
        return new LiveOptions(interfaceName, snaplen, promiscuous, bufferBytes, bpf, ringSlots, immediate);
    }

    public LiveOptions withPromiscuous(boolean on) {
        return new LiveOptions(interfaceName, snaplen, on, bufferBytes, filter, ringSlots, immediate);
    }

    public LiveOptions withBufferBytes(int n) {
        return new LiveOptions(interfaceName, snaplen, promiscuous, n, filter, ringSlots, immediate);
    }

    public LiveOptions withImmediate(boolean on) {
        return new LiveOptions(interfaceName, snaplen, promiscuous, bufferBytes, filter, ringSlots, on);
    }

    /** The input name frames and reports carry: {@code live:IF}. */
    public String sourceName() {
        return "live:" + interfaceName;
    }
}

package io.edgeaudit.decode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.edgeaudit.decode.Fixtures.ethernet;
import static io.edgeaudit.decode.Fixtures.icmp;
import static io.edgeaudit.decode.Fixtures.ipv4;
import static io.edgeaudit.decode.Fixtures.ipv6;
import static io.edgeaudit.decode.Fixtures.payload;
import static io.edgeaudit.decode.Fixtures.tcp;
import static io.edgeaudit.decode.Fixtures.udp;

/**
 * Writes the seed inputs of {@link PacketDecoderFuzzTest} (one valid frame per decoding path) into
 * the directory given as the only argument. Run by {@code analyzer/fuzz.sh --seeds}; the seeds are
 * committed, so this only needs running when the input layout changes.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    /** Selector indexes into {@link PacketDecoderFuzzTest#LINK_TYPES}. */
    private static final int ETHERNET = 0;
    private static final int SLL = 1;
    private static final int SLL2 = 2;
    private static final int RAW = 3;
    private static final int NULL = 6;
    private static final int LOOP = 7;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        byte[] tcpV4 = ipv4(Packet.TCP, 20 + 4).bytes(tcp(Packet.TCP_SYN).toArray()).bytes(payload(4)).toArray();
        byte[] udpV6 = ipv6(Packet.UDP, 8 + 4).bytes(udp(4).toArray()).bytes(payload(4)).toArray();
        write(dir, "ethernet-tcp", ETHERNET, 0, ethernet(0x0800).bytes(tcpV4).toArray());
        write(dir, "ethernet-tcp-snaplen", ETHERNET, 20, ethernet(0x0800).bytes(tcpV4).toArray());
        write(dir, "ethernet-qinq-udp6", ETHERNET, 0, new Wire()
                .fill(12, 0x02)                  // MACs
                .u16(0x88A8).u16(10)             // 802.1ad tag, VLAN 10
                .u16(0x8100).u16(20)             // 802.1Q tag, VLAN 20
                .u16(0x8100).u16(30)             // a third tag
                .u16(0x86DD)                     // IPv6
                .bytes(udpV6).toArray());
        write(dir, "sll-icmp-quote", SLL, 0, new Wire()
                .u16(0).u16(1).u16(6).fill(8, 0x02) // SLL header up to the protocol
                .u16(0x0800)                     // IPv4
                .bytes(ipv4(Packet.ICMP, 8 + 28).toArray())
                .bytes(icmp(3, 3).toArray())     // port unreachable
                .bytes(ipv4(Packet.UDP, 8).toArray())
                .bytes(udp(0).toArray()).toArray());
        write(dir, "sll2-ipv6-chain", SLL2, 0, new Wire()
                .u16(0x86DD).u16(0).u32(1).u16(1).u8(0).u8(6).fill(8, 0x02) // SLL2 header
                .bytes(ipv6(0, 8 + 8 + 8).toArray())
                .u8(60).u8(0).fill(6, 0)         // hop-by-hop -> destination options
                .u8(44).u8(0).fill(6, 0)         // destination options -> fragment
                .u8(17).u8(0).u16(1).u32(99)     // fragment header: first fragment, id 99 -> UDP
                .bytes(udp(0).toArray()).toArray());
        write(dir, "raw-first-fragment", RAW, 0, ipv4(Packet.UDP, 8 + 8, 7, 0x2000)
                .bytes(udp(100).toArray()).bytes(payload(8)).toArray());
        write(dir, "raw-later-fragment", RAW, 0, ipv4(Packet.UDP, 16, 7, 2).bytes(payload(16)).toArray());
        write(dir, "raw-ipv6-jumbo", RAW, 0, ipv6(0, 0)
                .u8(6).u8(0).u8(0xC2).u8(4).u32(70_000) // hop-by-hop with a jumbo payload option
                .bytes(tcp(Packet.TCP_ACK).toArray()).toArray());
        write(dir, "null-little-endian-ipv6", NULL, 0, new Wire().u32le(30).bytes(udpV6).toArray());
        write(dir, "loop-ipv4-tcp", LOOP, 0, new Wire().u32(2).bytes(tcpV4).toArray());
    }

    private static void write(Path dir, String name, int selector, int cut, byte[] frame) throws IOException {
        Files.write(dir.resolve(name), new Wire().u8(selector).u8(cut).bytes(frame).toArray());
    }
}

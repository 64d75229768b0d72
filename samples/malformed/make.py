#!/usr/bin/env python3
"""Regenerates the malformed capture corpus (issue 7) from the valid samples next door.

Each case takes a valid capture, breaks exactly one thing at a named offset and writes
<name>.<ext> here; README.md says what each one breaks and expected.tsv what the CLI must answer.
Run from anywhere: python3 samples/malformed/make.py
"""
import gzip
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(HERE)

# av-udp-blocked.pcap: little-endian pcap, 11 records; record k (1-based) header starts at PCAP_REC[k-1]
PCAP = open(os.path.join(SAMPLES, "av", "av-udp-blocked.pcap"), "rb").read()
PCAP_REC = [24, 118, 212, 306, 376, 446, 516, 684, 893, 963, 1033]
# snat-on-av.pcapng: SHB @0 (48 bytes, 20 of options), IDB @48 (40 bytes, 20 of options), EPBs from @88
PCAPNG = open(os.path.join(SAMPLES, "analyze", "snat-on-av.pcapng"), "rb").read()
SHB, IDB, EPB1, EPB2, EPB3 = 0, 48, 88, 276, 464


def put32(data, off, value):
    b = bytearray(data)
    struct.pack_into("<I", b, off, value)
    return bytes(b)


def pcap_file(packets):
    """A little-endian microsecond pcap, Ethernet link type, one record per packet."""
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    for i, p in enumerate(packets):
        out += struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p
    return out


def ether(ethertype, payload):
    dst = bytes.fromhex("020000000002")
    src = bytes.fromhex("020000000001")
    return dst + src + struct.pack(">H", ethertype) + payload


def ipv6(next_header, payload):
    src = bytes.fromhex("20010db8000000000000000000000001")  # 2001:db8::1, documentation prefix
    dst = bytes.fromhex("20010db8000000000000000000000002")
    return struct.pack(">IHBB", 0x60000000, len(payload), next_header, 64) + src + dst + payload


def ipv4_udp(src, dst, sport, dport, payload):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    hdr = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                      bytes(map(int, src.split("."))), bytes(map(int, dst.split("."))))
    s = sum(struct.unpack(">10H", hdr))
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    hdr = hdr[:10] + struct.pack(">H", ~s & 0xFFFF) + hdr[12:]
    return hdr + udp


def endless_ipv6_chain():
    """IPv6 whose Destination Options headers (type 60) chain until the packet ends: 40 of them,
    8 bytes each, every one naming another one as next header; the chain never reaches a transport."""
    chain = b"".join(struct.pack(">BB6s", 60, 0, bytes([1, 4, 0, 0, 0, 0])) for _ in range(40))
    return ether(0x86DD, ipv6(60, chain))


def stun_attribute_past_end():
    """A STUN Binding request (RFC 5389) to the A/V Edge VIP whose only attribute, USERNAME (0x0006),
    says 200 bytes while 8 follow; the header's message length (12) is consistent with the datagram."""
    attr = struct.pack(">HH", 0x0006, 200) + b"user:abc"
    msg = struct.pack(">HHI12s", 0x0001, len(attr), 0x2112A442, bytes(range(12))) + attr
    return ether(0x0800, ipv4_udp("203.0.113.50", "198.51.100.12", 50000, 3478, msg))


def valid_udp(i):
    return ether(0x0800, ipv4_udp("203.0.113.50", "198.51.100.12", 50000 + i, 3478, b""))


def pcapng_spb_file():
    """SHB and IDB from the sample, then three Simple Packet Blocks holding its first three packets."""
    out = PCAPNG[:EPB1]
    for off in (EPB1, EPB2, EPB3):
        caplen = struct.unpack_from("<I", PCAPNG, off + 20)[0]
        orig = struct.unpack_from("<I", PCAPNG, off + 24)[0]
        data = PCAPNG[off + 28: off + 28 + caplen]
        pad = (-len(data)) % 4
        total = 12 + 4 + len(data) + pad
        out += struct.pack("<III", 3, total, orig) + data + b"\0" * pad + struct.pack("<I", total)
    return out


SPB = pcapng_spb_file()
SPB2 = EPB1 + struct.unpack_from("<I", SPB, EPB1 + 4)[0]

CASES = [
    # name, extension, bytes
    ("empty-file", "pcap", b""),
    ("pcap-bad-magic", "pcap", put32(PCAP, 0, 0xDEADBEEF)),
    ("pcap-truncated-file-header", "pcap", PCAP[:14]),
    ("pcap-truncated-record-header", "pcap", PCAP[:PCAP_REC[3] + 9]),
    ("pcap-truncated-record-data", "pcap", PCAP[:PCAP_REC[3] + 16 + 20]),
    ("pcap-record-over-256k", "pcap", put32(PCAP, PCAP_REC[2] + 8, 300000)),
    ("pcap-zero-length-record", "pcap", pcap_file([valid_udp(0), b"", valid_udp(2)])),
    ("pcap-caplen-over-origlen", "pcap", put32(PCAP, PCAP_REC[1] + 12, 20)),
    ("pcapng-bad-byte-order-magic", "pcapng", put32(PCAPNG, SHB + 8, 0x12345678)),
    ("pcapng-truncated-shb", "pcapng", PCAPNG[:SHB + 20]),
    ("pcapng-truncated-shb-options", "pcapng", PCAPNG[:SHB + 34]),
    ("pcapng-truncated-idb", "pcapng", PCAPNG[:IDB + 12]),
    ("pcapng-truncated-idb-options", "pcapng", PCAPNG[:IDB + 26]),
    ("pcapng-truncated-epb-header", "pcapng", PCAPNG[:EPB2 + 14]),
    ("pcapng-truncated-epb-data", "pcapng", PCAPNG[:EPB2 + 60]),
    ("pcapng-truncated-spb", "pcapng", SPB[:SPB2 + 30]),
    ("pcapng-idb-option-past-block", "pcapng", PCAPNG[:IDB + 16] + struct.pack("<HH", 2, 200) + PCAPNG[IDB + 20:]),
    ("pcapng-block-length-under-12", "pcapng", put32(PCAPNG, EPB2 + 4, 8)),
    ("pcapng-block-length-not-multiple-of-4", "pcapng", put32(PCAPNG, EPB2 + 4, 190)),
    ("pcapng-trailer-disagrees", "pcapng", put32(PCAPNG, EPB2 + 188 - 4, 192)),
    ("pcapng-block-runs-past-eof", "pcapng", put32(PCAPNG, EPB2 + 4, len(PCAPNG) - EPB2 + 64)),
    ("pcapng-block-over-limit", "pcapng", put32(PCAPNG, EPB2 + 4, 0x7FFFFFF0)),
    ("pcapng-epb-caplen-past-block", "pcapng", put32(PCAPNG, EPB2 + 20, 400)),
    ("ipv6-endless-extension-chain", "pcap", pcap_file([valid_udp(0), endless_ipv6_chain(), valid_udp(2)])),
    ("stun-attribute-past-end", "pcap", pcap_file([stun_attribute_past_end()])),
    ("gzip-cut-in-middle", "pcap.gz", gzip.compress(PCAP, mtime=0)[:300]),
]

if __name__ == "__main__":
    for name, ext, data in CASES:
        with open(os.path.join(HERE, name + "." + ext), "wb") as f:
            f.write(data)
    print(f"wrote {len(CASES)} files to {HERE}")

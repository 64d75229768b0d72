#!/usr/bin/env python3
"""Prints the hex payloads of hostile.flows: STUN requests/responses and a TLS ClientHello whose
packet-derived strings (STUN SOFTWARE 0x8022, USERNAME 0x0006, TLS server_name) are hostile to HTML and
spreadsheets. Run it and paste its output into hostile.flows when the strings change."""
import struct

SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"


def attr(t, value: bytes) -> bytes:
    pad = (4 - len(value) % 4) % 4
    return struct.pack("!HH", t, len(value)) + value + b"\0" * pad


def stun(msg_type, tid: bytes, attrs) -> bytes:
    body = b"".join(attrs)
    return struct.pack("!HHI", msg_type, len(body), 0x2112A442) + tid + body


def client_hello(sni: bytes) -> bytes:
    name = struct.pack("!BH", 0, len(sni)) + sni                      # host_name(0), length, name
    sni_ext = struct.pack("!HH", 0, len(name) + 2) + struct.pack("!H", len(name)) + name
    exts = sni_ext
    hello = (b"\x03\x03" + bytes(range(32)) + b"\x00"                 # version, random, no session id
             + struct.pack("!H", 2) + b"\x13\x01"                     # one cipher suite
             + b"\x01\x00"                                            # null compression
             + struct.pack("!H", len(exts)) + exts)
    hs = b"\x01" + struct.pack("!I", len(hello))[1:] + hello          # ClientHello, 24-bit length
    return b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs          # handshake record


tid1 = bytes.fromhex("a1a2a3a4a5a6a7a8a9aaabac")
tid2 = bytes.fromhex("b1b2b3b4b5b6b7b8b9babbbc")
print("req1", stun(0x0001, tid1, [attr(0x0006, FORMULA.encode()), attr(0x8022, SCRIPT.encode())]).hex())
print("resp1", stun(0x0101, tid1, [attr(0x8022, SCRIPT.encode())]).hex())
print("req2", stun(0x0003, tid2, [attr(0x0006, SCRIPT.encode()), attr(0x8022, FORMULA.encode()),
                                  attr(0x0019, b"\x11\0\0\0")]).hex())
print("hello1", client_hello(SCRIPT.encode()).hex())
print("hello2", client_hello(FORMULA.encode()).hex())

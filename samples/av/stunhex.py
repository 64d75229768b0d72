#!/usr/bin/env python3
"""Writes the .flows scripts of samples/av: STUN/TURN/MS-TURN payloads as hex for `edgeaudit generate`.

Run from this directory: ./stunhex.py && for f in *.flows; do ../../edgeaudit generate $f -o ${f%.flows}.pcap; done
Addresses follow topology.yaml: VIP av 198.51.100.12, node1 av 198.51.100.23, node2 av 198.51.100.26,
load balancer SNAT 198.51.100.2, client 203.0.113.10, remote peer 192.0.2.50.
"""
import struct, socket

COOKIE = 0x2112A442

def attr(t, v, pad=True):
    out = struct.pack('!HH', t, len(v)) + v
    return out + b'\0' * ((4 - len(v) % 4) % 4 if pad else 0)

def addr(a, txid16, xor):
    ip, port = a.rsplit(':', 1)
    raw = socket.inet_aton(ip)
    port = int(port)
    if xor:  # RFC 5389 §15.2 and [MS-TURN] 2.2.2.16: XOR with message bytes 4..7
        port ^= int.from_bytes(txid16[:2], 'big')
        raw = bytes(b ^ k for b, k in zip(raw, txid16[:4]))
    return struct.pack('!BBH', 0, 1, port) + raw

def rfc(mtype, tx12, *attrs):
    body = b''.join(attrs)
    return struct.pack('!HHI', mtype, len(body), COOKIE) + tx12 + body

def ms(mtype, tx16, *attrs):
    body = attr(0x000F, struct.pack('!I', 0x72C64BC6), False) + b''.join(attrs)
    return struct.pack('!HH', mtype, len(body)) + tx16 + body

def rfc_allocate(tx):
    return rfc(0x0003, tx, attr(0x0019, b'\x11\0\0\0'), attr(0x000D, struct.pack('!I', 600)))

def rfc_success(tx, relayed, mapped):
    full = struct.pack('!I', COOKIE) + tx
    return rfc(0x0103, tx, attr(0x0016, addr(relayed, full, True)), attr(0x0020, addr(mapped, full, True)),
               attr(0x000D, struct.pack('!I', 600)), attr(0x8022, b'edgeaudit-sample'))

def pseudo_tls(client):
    if client:  # [MS-TURN] 2.1.1 ClientHello record
        hello = b'\x03\x01' + bytes(range(32)) + b'\x00' + b'\x00\x02\x00\x18' + b'\x01\x00'
        hs = b'\x01' + len(hello).to_bytes(3, 'big') + hello
    else:       # ServerHello + ServerHelloDone in one record
        hello = b'\x03\x01' + bytes(range(32, 64)) + b'\x00' + b'\x00\x18' + b'\x00'
        hs = b'\x02' + len(hello).to_bytes(3, 'big') + hello + b'\x0e\x00\x00\x00'
    return b'\x16\x03\x01' + len(hs).to_bytes(2, 'big') + hs

def frame(kind, body):  # [MS-TURN] 2.1.4: type, reserved, length
    return bytes([kind, 0]) + len(body).to_bytes(2, 'big') + body

def write(name, header, lines):
    with open(name, 'w') as f:
        f.write(header.strip() + '\n@start 2026-11-24T08:00:00Z\n')
        for l in lines:
            f.write(l + '\n')

T1 = bytes.fromhex('a1a2a3a4a5a6a7a8a9aaabac')
T2 = bytes.fromhex('b1b2b3b4b5b6b7b8b9babbbc')
T3 = bytes.fromhex('c1c2c3c4c5c6c7c8c9cacbcc')
CL = '203.0.113.10:50123'

write('av-compliant.flows', '''
# Compliant A/V: the client allocates through the A/V VIP, the VIP answers, the relayed address is node1's
# public A/V address in 50000-59999, and the remote peer's media then goes to node1 directly.''', [
    f'+0 udp {CL} > 198.51.100.12:3478 payload={rfc_allocate(T1).hex()} rpayload={rfc_success(T1, "198.51.100.23:50010", CL).hex()}',
    '+0.2 udp 192.0.2.50:40000 > 198.51.100.23:50010 pkts=5 replies=5 bytes=160 gap=20',
])

write('av-snat-lb.flows', '''
# SNAT on A/V, seen at the load balancer's outside (capture point lb): the client's Allocate to the VIP.''', [
    f'+0 udp {CL} > 198.51.100.12:3478 payload={rfc_allocate(T2).hex()} rpayload={rfc_success(T2, "198.51.100.23:50010", "198.51.100.2:40001").hex()}',
])
write('av-snat-node1.flows', '''
# SNAT on A/V, seen at node1's external interface: the same request (same transaction id) arrives from the
# load balancer's SNAT address 198.51.100.2:40001, and node1 maps the client to it.''', [
    f'+0.001 udp 198.51.100.2:40001 > 198.51.100.23:3478 payload={rfc_allocate(T2).hex()} rpayload={rfc_success(T2, "198.51.100.23:50010", "198.51.100.2:40001").hex()}',
])

write('av-asymmetric.flows', '''
# The VIP's request is answered from node1's address (return path bypasses the load balancer), the relayed
# address handed out is the VIP itself, and media then flows to the VIP's relay port.''', [
    f'+0 udp {CL} > 198.51.100.12:3478 payload={rfc_allocate(T3).hex()} replies=0',
    f'+0.01 udp 198.51.100.23:3478 > {CL} payload={rfc_success(T3, "198.51.100.12:50010", CL).hex()} replies=0',
    '+0.2 udp 192.0.2.50:40000 > 198.51.100.12:50010 pkts=5 replies=5 bytes=160 gap=20',
])

M1 = bytes.fromhex('d1d2d3d4d5d6d7d8d9dadbdcdddedfd0')
ms_req = ms(0x0003, M1, attr(0x8008, struct.pack('!I', 2), False), attr(0x8055, struct.pack('!HH', 1, 0), False))
ms_resp = ms(0x0103, M1, attr(0x0001, addr('198.51.100.23:50020', M1, False), False),
             attr(0x8020, addr('203.0.113.10:50200', M1, True), False), attr(0x000D, struct.pack('!I', 480), False),
             attr(0x0015, b'edge.example', False), attr(0x8008, struct.pack('!I', 2), False))
write('av-udp-blocked.flows', '''
# UDP 3478 to the VIP goes unanswered; the client falls back to MS-TURN over TCP 443: pseudo-TLS
# ClientHello, ServerHello+ServerHelloDone, then the 4-byte framing around an MS-TURN Allocate.''', [
    f'+0 udp {CL} > 198.51.100.12:3478 pkts=3 replies=0 gap=500 payload={rfc_allocate(T1).hex()}',
    f'+2 tcp 203.0.113.10:50200 > 198.51.100.12:443 data=1 payload={(pseudo_tls(True) + frame(2, ms_req)).hex()} '
    f'rpayload={(pseudo_tls(False) + frame(2, ms_resp)).hex()}',
])

#!/usr/bin/env bash
# A/V Edge lab for edgeaudit tests: a client, a load balancer (Linux router with iptables) and an "Edge
# node" running coturn, each in a network namespace this script creates and always deletes again.
#
#   client 203.0.113.10 --- 203.0.113.1 [lb] 198.51.100.1 --- 198.51.100.2 node1 (turnserver)
#   A/V VIP 198.51.100.10: DNAT on the lb to node1 (UDP 3478, TCP 3478 and TCP 443)
#
# Usage: coturn-lab.sh OUTDIR snat|nosnat udp|tcp|tcp443
#   snat:   the lb also rewrites the client's source to 198.51.100.1 (SNAT), which the seed forbids for A/V
# Writes OUTDIR/lb.pcap (lb's client-facing interface), OUTDIR/node1.pcap (node1's interface),
# OUTDIR/turnserver.log, OUTDIR/uclient.log. Bounded: turnutils_uclient -n 10 under timeout, tcpdump -c.
# Needs root, iproute2, iptables, tcpdump, coturn. Exit 0 on success; 77 when the environment cannot run it.
set -euo pipefail
out=$(realpath "$1"); mode=$2; transport=$3
mkdir -p "$out"
for tool in ip iptables tcpdump turnserver turnutils_uclient; do
    command -v "$tool" >/dev/null || { echo "lab: $tool not installed" >&2; exit 77; }
done
id="ea$$"
C="${id}c"; R="${id}r"; S="${id}s"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    for ns in "$C" "$R" "$S"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT
trap "exit 143" TERM INT
ip netns add "$C" || { echo "lab: cannot create network namespaces" >&2; exit 77; }
ip netns add "$R"; ip netns add "$S"
ip link add "${id}a" type veth peer name "${id}b"
ip link set "${id}a" netns "$C"; ip link set "${id}b" netns "$R"
ip link add "${id}x" type veth peer name "${id}y"
ip link set "${id}x" netns "$R"; ip link set "${id}y" netns "$S"
for ns in "$C" "$R" "$S"; do ip -n "$ns" link set lo up; done
ip -n "$C" addr add 203.0.113.10/24 dev "${id}a"; ip -n "$C" link set "${id}a" up
ip -n "$C" route add default via 203.0.113.1
ip -n "$R" addr add 203.0.113.1/24 dev "${id}b"; ip -n "$R" link set "${id}b" up
ip -n "$R" addr add 198.51.100.1/24 dev "${id}x"; ip -n "$R" link set "${id}x" up
ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1
ip -n "$S" addr add 198.51.100.2/24 dev "${id}y"; ip -n "$S" link set "${id}y" up
ip -n "$S" route add default via 198.51.100.1
# the load balancer: the A/V VIP is a DNAT to node1 (replies are translated back by conntrack)
ipt() { ip netns exec "$R" iptables "$@"; }
ipt -t nat -A PREROUTING -d 198.51.100.10 -p udp --dport 3478 -j DNAT --to-destination 198.51.100.2:3478
ipt -t nat -A PREROUTING -d 198.51.100.10 -p tcp --dport 3478 -j DNAT --to-destination 198.51.100.2:3478
ipt -t nat -A PREROUTING -d 198.51.100.10 -p tcp --dport 443 -j DNAT --to-destination 198.51.100.2:3478
if [[ "$mode" == snat ]]; then
    ipt -t nat -A POSTROUTING -o "${id}x" -d 198.51.100.2 -j SNAT --to-source 198.51.100.1
fi
ip netns exec "$R" tcpdump -n -i "${id}b" -U -c 5000 -w "$out/lb.pcap" 2>"$out/tcpdump-lb.err" &
pids+=($!)
ip netns exec "$S" tcpdump -n -i "${id}y" -U -c 5000 -w "$out/node1.pcap" 2>"$out/tcpdump-node1.err" &
pids+=($!)
ip netns exec "$S" turnserver -n --listening-ip 198.51.100.2 --relay-ip 198.51.100.2 --listening-port 3478 \
    --min-port 50000 --max-port 50100 --lt-cred-mech --user test:secret --realm edgeaudit.test \
    --no-tls --no-dtls --no-cli --allow-loopback-peers --simple-log --log-file "$out/turnserver.log" \
    --pidfile "$out/turnserver.pid" -V >"$out/turnserver.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
    ip netns exec "$S" ss -lun 2>/dev/null | grep -q '198.51.100.2:3478' && break
    sleep 0.1
done
sleep 0.5 # tcpdump needs a moment before the first packet
flags=(-v -u test -w secret -p 3478 -n 10 -m 1 -y -c -z 5)
[[ "$transport" == tcp* ]] && flags+=(-t)
# tcp443: plain TURN over TCP to the VIP's port 443 (the load balancer forwards it to coturn's 3478)
[[ "$transport" == tcp443 ]] && flags=("${flags[@]/3478/443}")
rc=0
ip netns exec "$C" timeout 30 turnutils_uclient "${flags[@]}" 198.51.100.10 >"$out/uclient.log" 2>&1 || rc=$?
sleep 0.5
echo "uclient exit $rc" >>"$out/uclient.log"
exit 0

#!/usr/bin/env bash
# lab.sh - the edgeaudit network lab: real servers, real clients and a real NAT inside network
# namespaces, captured at the load balancer's outside leg and at the Edge nodes' interfaces.
#
#   lab.sh list                      scenario names, one a line, with a one-line summary
#   lab.sh check                     exit 0 when this machine can run the lab, 3 (and why) when not
#   lab.sh run SCENARIO OUTDIR       build the lab, run SCENARIO, write OUTDIR/SCENARIO/, tear down
#   lab.sh run-all OUTDIR            every scenario, one after the other, each in a fresh lab
#   lab.sh clean                     remove what earlier, no longer running lab.sh runs left behind
#
# Exit codes: 0 done; 1 a scenario's traffic did not go as planned (see its run.log); 2 usage;
# 3 this machine cannot run the lab (not root, a tool missing, no network namespaces).
#
# Everything lives in namespaces named ea-<pid>-<role> (the pid of the lab.sh that made them, so
# parallel runs never collide and a later run can tell leftovers from live runs). No interface is
# ever created in the root namespace and no namespace has a route towards the host; addresses come
# only from 203.0.113.0/24 (Internet), 198.51.100.0/24 (public Edge side) and 198.18.0.0/15 (inside).
# The addresses, roles and why each scenario yields exactly its expected.csv: README.md next to this.
set -euo pipefail
shopt -s nullglob

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LABNET="$LAB_DIR/labnet.pl"
RUN_ID=$$
ROLES=(inet hlb node1 node2 ilb fe)

# --- addresses (the sample topology in topology.yaml, README.md "Addresses") -------------------------
C1=203.0.113.10        # Internet client 1 (the HLB pins it to node1)
C2=203.0.113.11        # Internet client 2 (the HLB pins it to node2)
ANY=203.0.113.53       # "Any" on the Internet: DNS, CRL (HTTP) and a TLS 443 service
HLB_OUT=203.0.113.1    # the HLB's outside leg, next hop of the Internet side
VIP_ACC=198.51.100.10  # external VIPs; the Access VIP is also the nodes' default gateway (HLB req. 9)
VIP_WEB=198.51.100.11
VIP_AV=198.51.100.12
SNAT=198.51.100.2      # the HLB's SNAT address (topology hlb.snat)
N1_ACC=198.51.100.21 N1_WEB=198.51.100.22 N1_AV=198.51.100.23 N1_INT=198.18.0.21
N2_ACC=198.51.100.24 N2_WEB=198.51.100.25 N2_AV=198.51.100.26 N2_INT=198.18.0.22
ILB_IN=198.18.0.1      # internal load balancer on the Edge internal segment
IVIP=198.18.0.20       # internal Edge VIP (DNAT on the ilb namespace)
ILB_FE=198.18.1.1      # internal load balancer on the front-end segment
FE=198.18.1.10         # front end (pinned to node1 by the internal VIP)
FE2=198.18.1.11        # second front end (pinned to node2; present, no traffic)

TURN_USER=edgeaudit TURN_PASS=labpass TURN_REALM=lab.edgeaudit.test
CLIENT_TIMEOUT=20      # seconds any one client may take
GIVE_UP_TIMEOUT=9      # a TURN client whose UDP requests go unanswered gives up after its 5 tries (7.5 s)

# The A/V plan: every TURN client run, in the order each group runs them. Clients, expected.csv and
# the allocation count check are all derived from this one table (README.md "A/V plan").
#   group: inet (client 1), inet2 (client 2, also in the inet namespace) or fe
#   msgs:  media messages per client through the relay; 0 = first contact through a VIP (allocate,
#          permission, channel bind, refresh, no media); media goes to the node's real address
#   node:  the node that serves the run (the load balancers pin C1 and FE to node1, C2 to node2)
ALLOCS_PER_RUN=3   # turnutils_uclient -y -c: its probe allocation plus one per client of the pair
AV_RUNS=(
    "inet  $C1 $VIP_AV 3478 udp 0 node1"
    "inet  $C1 $N1_AV  3478 udp 3 node1"
    "inet  $C1 $VIP_AV 443  tcp 0 node1"
    "inet  $C1 $N1_AV  443  tcp 3 node1"
    "inet2 $C2 $VIP_AV 3478 udp 0 node2"
    "inet2 $C2 $N2_AV  3478 udp 3 node2"
    "inet2 $C2 $VIP_AV 443  tcp 0 node2"
    "fe    $FE $IVIP   3478 udp 0 node1"
    "fe    $FE $N1_INT 3478 udp 3 node1"
    "fe    $FE $N1_INT 443  tcp 3 node1"
)

SCENARIOS=(compliant snat-av unexpected-ports udp-blocked relay-misconfigured)

die() { echo "lab: $1" >&2; exit "${2:-1}"; }
usage() { sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
ns() { echo "ea-${RUN_ID}-$1"; }
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RUNLOG" >&2; }

scenario_summary() {
    case $1 in
        compliant) echo "only flows the HLB tables allow; the HLB SNATs Access and Web Conferencing (allowed), never A/V" ;;
        snat-av) echo "the HLB also SNATs A/V (VIP and node A/V addresses) to $SNAT -> SNAT_ON_AV" ;;
        unexpected-ports) echo "node1 answers TCP 3389 and 8080 on its access address -> UNEXPECTED_PORT" ;;
        udp-blocked) echo "the HLB drops UDP 3478 from the Internet; clients fall back to TCP 443 -> UDP_BLOCKED" ;;
        relay-misconfigured) echo "node1's coturn advertises its internal address as relay -> AV_RELAY_ADDRESS" ;;
        *) return 1 ;;
    esac
}

# --- prerequisites ---------------------------------------------------------------------------------
check() {
    [[ $(id -u) -eq 0 ]] || { echo "lab: must run as root (network namespaces, iptables)"; return 3; }
    local t
    for t in ip iptables tcpdump turnserver turnutils_uclient openssl perl timeout ss; do
        command -v "$t" >/dev/null || { echo "lab: $t not found (expected: installed, see .ci/run)"; return 3; }
    done
    local probe="ea-${RUN_ID}-probe"
    ip netns add "$probe" 2>/dev/null || { echo "lab: 'ip netns add' failed (expected: network namespace support)"; return 3; }
    if ! ip netns exec "$probe" iptables -t nat -A PREROUTING -p udp --dport 3478 \
            -m conntrack --ctstate NEW -j DNAT --to-destination 198.51.100.23 2>/dev/null; then
        ip netns del "$probe"
        echo "lab: iptables NAT does not work inside a namespace (expected: nf_tables/conntrack/nat support)"
        return 3
    fi
    ip netns del "$probe"
    return 0
}

# --- cleanup: ours always, earlier runs' when their lab.sh is gone ---------------------------------
kill_ns_procs() { # NS: end every process inside our namespace NS (TERM, then KILL after 2 s)
    local pids p i
    pids=$(ip netns pids "$1" 2>/dev/null || true)
    [[ -n $pids ]] || return 0
    for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
    for i in $(seq 20); do
        pids=$(ip netns pids "$1" 2>/dev/null || true)
        [[ -n $pids ]] || return 0
        sleep 0.1
    done
    for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
}

remove_ns() { kill_ns_procs "$1"; ip netns del "$1" 2>/dev/null || true; }

lab_alive() { # PID: true when PID is a running lab.sh (a zombie or a reused pid is not)
    [[ -r /proc/$1/cmdline ]] && tr '\0' ' ' </proc/"$1"/cmdline | grep -q 'lab\.sh'
}

clean_leftovers() {
    local name pid
    while read -r name _; do
        [[ $name =~ ^ea-([0-9]+)-(inet|hlb|node1|node2|ilb|fe|probe)$ ]] || continue
        pid=${BASH_REMATCH[1]}
        [[ $pid == "$RUN_ID" ]] && continue
        lab_alive "$pid" && continue   # a live run owns it
        echo "lab: removing leftover namespace $name of an earlier run (pid $pid is gone)" >&2
        remove_ns "$name"
    done < <(ip netns list 2>/dev/null)
    local d
    for d in "${TMPDIR:-/tmp}"/edgeaudit-lab.*; do
        [[ $d =~ /edgeaudit-lab\.([0-9]+)\.[A-Za-z0-9]+$ ]] || continue
        pid=${BASH_REMATCH[1]}
        [[ $pid == "$RUN_ID" ]] && continue
        lab_alive "$pid" && continue
        rm -rf "$d"
    done
    return 0
}

CAPTURE_PIDS=()
SERVER_PIDS=()
GROUP_PIDS=()   # the client groups (subshells in the root namespace)
WORK=""
TORN_DOWN=1

teardown() {
    [[ $TORN_DOWN -eq 1 ]] && return 0
    TORN_DOWN=1
    local r p
    for p in "${GROUP_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    stop_captures || true
    for p in "${SERVER_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for r in "${ROLES[@]}"; do remove_ns "$(ns "$r")"; done
    for p in "${SERVER_PIDS[@]}" "${GROUP_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    SERVER_PIDS=() GROUP_PIDS=()
    if [[ -n $WORK && -d $WORK ]]; then
        # A run that stopped before writing its outputs keeps its servers' and clients' logs.
        if [[ -n ${OUT:-} && -d $OUT && ! -f $OUT/expected.csv ]]; then
            cp -r "$WORK/logs" "$OUT/logs" 2>/dev/null || true
        fi
        rm -rf "$WORK"
    fi
    WORK=""
}

on_signal() { echo "lab: interrupted, cleaning up" >&2; teardown; exit 130; }
trap teardown EXIT
trap on_signal INT TERM HUP

# --- the network -----------------------------------------------------------------------------------
in_ns() { local r=$1; shift; ip netns exec "$(ns "$r")" "$@"; }

veth() { # ROLE_A IF_A ROLE_B IF_B: a veth pair created directly inside the two namespaces
    ip link add "$2" netns "$(ns "$1")" type veth peer name "$4" netns "$(ns "$3")"
}

build_network() {
    local r
    for r in "${ROLES[@]}"; do
        ip netns add "$(ns "$r")"
        # No IPv6: link-up would send router solicitations and MLD reports nobody planned for.
        in_ns "$r" sh -c 'for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6; do [ -w "$f" ] && echo 1 >"$f"; done; true'
        in_ns "$r" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
            net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.default.send_redirects=0
        in_ns "$r" ip link set lo up
    done

    # Internet <-> HLB outside leg.
    veth inet eth0 hlb out0
    in_ns inet ip addr add "$C1/24" dev eth0
    in_ns inet ip addr add "$C2/24" dev eth0
    in_ns inet ip addr add "$ANY/24" dev eth0
    in_ns hlb ip addr add "$HLB_OUT/24" dev out0

    # HLB inside leg: one bridge, the Edge external segment, with both nodes' external interfaces.
    in_ns hlb ip link add br0 type bridge mcast_snooping 0
    veth node1 ext0 hlb n1
    veth node2 ext0 hlb n2
    in_ns hlb ip link set n1 master br0
    in_ns hlb ip link set n2 master br0
    # The Access VIP first, so it is the primary address (and the nodes' gateway, HLB req. 9).
    for a in "$VIP_ACC" "$VIP_WEB" "$VIP_AV" "$SNAT"; do in_ns hlb ip addr add "$a/24" dev br0; done

    # Edge internal segment (bridge in ilb) and the front-end segment.
    in_ns ilb ip link add br0 type bridge mcast_snooping 0
    veth node1 int0 ilb n1
    veth node2 int0 ilb n2
    in_ns ilb ip link set n1 master br0
    in_ns ilb ip link set n2 master br0
    in_ns ilb ip addr add "$ILB_IN/24" dev br0
    in_ns ilb ip addr add "$IVIP/24" dev br0
    veth fe eth0 ilb fe0
    in_ns ilb ip addr add "$ILB_FE/24" dev fe0
    in_ns fe ip addr add "$FE/24" dev eth0
    in_ns fe ip addr add "$FE2/24" dev eth0

    # Nodes: access address first (primary), then web conferencing and A/V; internal address.
    local n acc web av int
    for n in 1 2; do
        if [[ $n -eq 1 ]]; then acc=$N1_ACC web=$N1_WEB av=$N1_AV int=$N1_INT; else acc=$N2_ACC web=$N2_WEB av=$N2_AV int=$N2_INT; fi
        for a in "$acc" "$web" "$av"; do in_ns "node$n" ip addr add "$a/24" dev ext0; done
        in_ns "node$n" ip addr add "$int/24" dev int0
    done

    local link
    for link in "inet eth0" "hlb out0" "hlb n1" "hlb n2" "hlb br0" "node1 ext0" "node1 int0" "node2 ext0" \
            "node2 int0" "ilb n1" "ilb n2" "ilb br0" "ilb fe0" "fe eth0"; do
        set -- $link
        # No multicast: a bridge coming up would join 224.0.0.106 and send IGMP reports.
        in_ns "$1" ip link set "$2" multicast off up
    done

    # Routes. The Internet knows the public Edge network behind the HLB, nothing else.
    in_ns inet ip route add 198.51.100.0/24 via "$HLB_OUT"
    # Nodes: the only default gateway is on the external interface (the HLB Access VIP); the internal
    # interface has no gateway, only a persistent route to the internal networks (HLB req. 8).
    for n in 1 2; do
        in_ns "node$n" ip route add default via "$VIP_ACC" dev ext0
        in_ns "node$n" ip route add 198.18.0.0/15 via "$ILB_IN" dev int0
    done
    in_ns fe ip route add 198.18.0.0/15 via "$ILB_FE" dev eth0
    # Only the two load balancers forward; nodes never route between their interfaces.
    in_ns hlb sysctl -qw net.ipv4.ip_forward=1
    in_ns ilb sysctl -qw net.ipv4.ip_forward=1
}

# The HLB: VIP -> node DNAT with client-address affinity (C2 -> node2, everyone else -> node1, so a
# capture knows which node served whom); SNAT as the scenario asks; optional UDP 3478 drop.
configure_hlb() {
    local scenario=$1
    ipt() { in_ns hlb iptables "$@"; }
    local vip
    ipt -t nat -A PREROUTING -i out0 -s "$C2" -d "$VIP_ACC" -p tcp -m multiport --dports 443,5061 -j DNAT --to-destination "$N2_ACC"
    ipt -t nat -A PREROUTING -i out0 -s "$C2" -d "$VIP_WEB" -p tcp --dport 443 -j DNAT --to-destination "$N2_WEB"
    ipt -t nat -A PREROUTING -i out0 -s "$C2" -d "$VIP_AV" -p udp --dport 3478 -j DNAT --to-destination "$N2_AV"
    ipt -t nat -A PREROUTING -i out0 -s "$C2" -d "$VIP_AV" -p tcp --dport 443 -j DNAT --to-destination "$N2_AV"
    ipt -t nat -A PREROUTING -i out0 -d "$VIP_ACC" -p tcp -m multiport --dports 443,5061 -j DNAT --to-destination "$N1_ACC"
    ipt -t nat -A PREROUTING -i out0 -d "$VIP_WEB" -p tcp --dport 443 -j DNAT --to-destination "$N1_WEB"
    ipt -t nat -A PREROUTING -i out0 -d "$VIP_AV" -p udp --dport 3478 -j DNAT --to-destination "$N1_AV"
    ipt -t nat -A PREROUTING -i out0 -d "$VIP_AV" -p tcp --dport 443 -j DNAT --to-destination "$N1_AV"

    # SNAT for Access and Web Conferencing VIP traffic: allowed (HLB req. 1), in every scenario.
    for vip in "$N1_ACC" "$N2_ACC"; do
        ipt -t nat -A POSTROUTING -o br0 -m conntrack --ctstate DNAT -d "$vip" -p tcp -m multiport --dports 443,5061 -j SNAT --to-source "$SNAT"
    done
    for vip in "$N1_WEB" "$N2_WEB"; do
        ipt -t nat -A POSTROUTING -o br0 -m conntrack --ctstate DNAT -d "$vip" -p tcp --dport 443 -j SNAT --to-source "$SNAT"
    done
    if [[ $scenario == snat-av ]]; then
        # The misconfiguration: A/V traffic too, whether it came to the VIP or to a node's address.
        for vip in "$N1_AV" "$N2_AV"; do
            ipt -t nat -A POSTROUTING -o br0 -d "$vip" -p udp --dport 3478 -j SNAT --to-source "$SNAT"
            ipt -t nat -A POSTROUTING -o br0 -d "$vip" -p tcp --dport 443 -j SNAT --to-source "$SNAT"
        done
    fi
    if [[ $scenario == udp-blocked ]]; then
        ipt -A FORWARD -i out0 -p udp --dport 3478 -j DROP
    fi

    # The clients' hosts answer a closed UDP port with silence, as Windows Firewall does (stealth
    # mode): turnutils_uclient closes its socket right after its last Refresh, and the kernel would
    # otherwise refuse coturn's late answer with an ICMP port unreachable of its own (README.md).
    in_ns inet iptables -A OUTPUT -p icmp --icmp-type port-unreachable -j DROP
    in_ns fe iptables -A OUTPUT -p icmp --icmp-type port-unreachable -j DROP

    # Internal VIP on ilb: FE2 -> node2, everyone else -> node1; no SNAT (the client address must stay).
    local p
    for p in "tcp 5061" "tcp 5062" "tcp 443" "udp 3478"; do
        set -- $p
        in_ns ilb iptables -t nat -A PREROUTING -i fe0 -s "$FE2" -d "$IVIP" -p "$1" --dport "$2" -j DNAT --to-destination "$N2_INT"
        in_ns ilb iptables -t nat -A PREROUTING -i fe0 -d "$IVIP" -p "$1" --dport "$2" -j DNAT --to-destination "$N1_INT"
    done
    {
        echo "--- hlb iptables ---"; in_ns hlb iptables-save | grep -v '^#'
        echo "--- ilb iptables ---"; in_ns ilb iptables-save | grep -v '^#'
    } >>"$RUNLOG"
}

# --- servers -----------------------------------------------------------------------------------------
start_server() { # ROLE NAME CMD...: a long-running server in ROLE's namespace, output to logs/NAME.log
    local role=$1 name=$2; shift 2
    ip netns exec "$(ns "$role")" "$@" >"$WORK/logs/$name.log" 2>&1 &
    SERVER_PIDS+=($!)
}

wait_listening() { # ROLE PROTO ADDR:PORT
    local i flag
    [[ $2 == tcp ]] && flag=-Hltn || flag=-Hlun
    # 20 s: coturn and openssl start in well under a second, but this machine may be busy
    for i in $(seq 200); do
        in_ns "$1" ss "$flag" 2>/dev/null | awk '{print $4}' | grep -qx "$3" && return 0
        sleep 0.1
    done
    die "nothing listens on $2 $3 in $1 after 20 s (see $OUT/logs)"
}

start_turn() { # NODE PUBLIC_AV INTERNAL ADVERTISED
    local node=$1 av=$2 int=$3 adv=$4 kind port range
    # coturn listens UDP and TCP on its port and opens its alternate port only with RFC 5780 and two
    # addresses, so two instances: UDP 3478 and (plain) TCP 443, each with half of 50000-59999.
    for kind in udp tcp; do
        if [[ $kind == udp ]]; then port=3478 range="--min-port 50000 --max-port 54999 --no-tcp"; else port=443 range="--min-port 55000 --max-port 59999 --no-udp"; fi
        # shellcheck disable=SC2086
        start_server "$node" "$node-turn-$kind" turnserver -n -v -L "$av" -L "$int" -p "$port" $range \
            --relay-ip "$av" --external-ip "$adv" -a -u "$TURN_USER:$TURN_PASS" -r "$TURN_REALM" \
            --no-tls --no-dtls --no-cli --no-rfc5780 --no-multicast-peers \
            --userdb "$WORK/$node-$kind.turndb" --log-file "$WORK/logs/$node-coturn-$kind.log" --simple-log \
            --no-stdout-log --pidfile "$WORK/$node-$kind.pid"
    done
}

start_tls() { # ROLE ADDR PORT: openssl s_server with the lab's self-signed certificate, echoing lines reversed
    start_server "$1" "$1-tls-$2-$3" openssl s_server -accept "$2:$3" -cert "$WORK/cert.pem" -key "$WORK/key.pem" -rev -quiet
}

start_servers() {
    local scenario=$1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
        -subj "/CN=edge.$TURN_REALM" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1
    local adv1=$N1_AV
    [[ $scenario == relay-misconfigured ]] && adv1=$N1_INT
    start_turn node1 "$N1_AV" "$N1_INT" "$adv1"
    start_turn node2 "$N2_AV" "$N2_INT" "$N2_AV"
    local n acc web int p
    for n in 1 2; do
        if [[ $n -eq 1 ]]; then acc=$N1_ACC web=$N1_WEB int=$N1_INT; else acc=$N2_ACC web=$N2_WEB int=$N2_INT; fi
        start_tls "node$n" "$acc" 5061        # SIP (MTLS) behind the Access VIP
        start_tls "node$n" "$acc" 443         # SIP (TLS) client access
        start_tls "node$n" "$web" 443         # PSOM (TLS) web conferencing
        for p in 5061 5062 4443 8057 23456 50001; do start_tls "node$n" "$int" "$p"; done
    done
    start_server inet inet-dns perl "$LABNET" dns-server "$ANY"
    start_server inet inet-http perl "$LABNET" http-server "$ANY" 80
    start_tls inet "$ANY" 443
    if [[ $scenario == unexpected-ports ]]; then
        start_server node1 node1-rdp perl "$LABNET" banner-server "$N1_ACC" 3389 "RDP-lab"
        start_server node1 node1-http-alt perl "$LABNET" banner-server "$N1_ACC" 8080 "HTTP/1.1 200 lab"
        wait_listening node1 tcp "$N1_ACC:3389"
        wait_listening node1 tcp "$N1_ACC:8080"
    fi
    for n in 1 2; do
        if [[ $n -eq 1 ]]; then acc=$N1_ACC web=$N1_WEB av=$N1_AV int=$N1_INT; else acc=$N2_ACC web=$N2_WEB av=$N2_AV int=$N2_INT; fi
        wait_listening "node$n" udp "$av:3478"; wait_listening "node$n" udp "$int:3478"
        wait_listening "node$n" tcp "$av:443"; wait_listening "node$n" tcp "$int:443"
        wait_listening "node$n" tcp "$acc:5061"; wait_listening "node$n" tcp "$acc:443"; wait_listening "node$n" tcp "$web:443"
        for p in 5061 5062 4443 8057 23456 50001; do wait_listening "node$n" tcp "$int:$p"; done
    done
    wait_listening inet udp "$ANY:53"; wait_listening inet tcp "$ANY:53"
    wait_listening inet tcp "$ANY:80"; wait_listening inet tcp "$ANY:443"
}

# --- captures ----------------------------------------------------------------------------------------
CAPTURES=("hlb-outside hlb out0" "node1-ext node1 ext0" "node1-int node1 int0" "node2-ext node2 ext0")

start_captures() {
    local c i
    for c in "${CAPTURES[@]}"; do
        set -- $c
        ip netns exec "$(ns "$2")" tcpdump -i "$3" -n -U -s 0 -w "$OUT/$1.pcap" 2>"$WORK/logs/tcpdump-$1.log" &
        CAPTURE_PIDS+=($!)
    done
    for c in "${CAPTURES[@]}"; do
        set -- $c
        for i in $(seq 100); do grep -q 'listening on' "$WORK/logs/tcpdump-$1.log" && break; sleep 0.1; done
        grep -q 'listening on' "$WORK/logs/tcpdump-$1.log" || die "tcpdump on $2 $3 did not start (see $OUT/logs/tcpdump-$1.log)"
    done
}

stop_captures() { # SIGINT, then wait, so every pcap is complete
    local p i
    ((${#CAPTURE_PIDS[@]})) || return 0
    for p in "${CAPTURE_PIDS[@]}"; do kill -INT "$p" 2>/dev/null || true; done
    for p in "${CAPTURE_PIDS[@]}"; do
        for i in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -TERM "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    CAPTURE_PIDS=()
}

# --- clients -----------------------------------------------------------------------------------------
# step ROLE EXPECT LABEL CMD...: one bounded client run; EXPECT ok|fail is what the scenario plans.
# A client that does not behave as planned marks the run failed (the captures would not show what
# expected.csv claims).
step() {
    local role=$1 expect=$2 label=$3 rc=0 got; shift 3
    {
        echo "=== $(date -u +%H:%M:%S.%N | cut -c1-12) $role: $label (expect $expect)"
        echo "\$ $*"
    } >>"$WORK/logs/client-$role.log"
    timeout -k 2 "${STEP_TIMEOUT:-$CLIENT_TIMEOUT}" ip netns exec "$(ns "$(ns_of_role "$role")")" "$@" </dev/null >>"$WORK/logs/client-$role.log" 2>&1 || rc=$?
    [[ $rc -eq 0 ]] && got=ok || got=fail
    echo "=== exit $rc ($got)" >>"$WORK/logs/client-$role.log"
    if [[ $got != "$expect" ]]; then
        echo "$role: $label: expected $expect, got exit $rc" >>"$WORK/deviations"
    fi
}

tls() { # ROLE EXPECT SRC DST PORT: one TLS connection, one line of application data, close
    step "$1" "$2" "tls $3 -> $4:$5" sh -c "printf 'OPTIONS sip:edge.$TURN_REALM SIP/2.0\\r\\n' | openssl s_client -brief -no_ign_eof -bind $3:0 -connect $4:$5 -servername edge.$TURN_REALM"
}

uclient() { # ROLE EXPECT SRC SERVER PORT udp|tcp MSGS: a client-to-client (-y) TURN run
    local tflag="" limit=$CLIENT_TIMEOUT
    [[ $6 == tcp ]] && tflag="-t"
    [[ $2 == fail ]] && limit=$GIVE_UP_TIMEOUT
    # -y: two clients allocate and send to each other's relayed address, so the relayed media stays
    # on the node (no relay <-> peer traffic on 50000-59999, which the HLB tables allow only for
    # federation). -c: no RTCP allocations. With the probe allocation turnutils_uclient makes
    # first, one run is ALLOCS_PER_RUN allocations, each on its own client port (its own flow).
    STEP_TIMEOUT=$limit step "$1" "$2" "turn $6 $3 -> $4:$5 ($7 msgs)" turnutils_uclient -v $tflag -y -c -n "$7" \
        -p "$5" -u "$TURN_USER" -w "$TURN_PASS" -L "$3" "$4"
}

av_blocked() { # GROUP TRANSPORT: true when the scenario's HLB drops this run
    [[ $SCENARIO == udp-blocked && $1 != fe && $2 == udp ]]
}

av_runs() { # GROUP: that group's TURN runs, in plan order
    local r group src dst port tr msgs node expect
    for r in "${AV_RUNS[@]}"; do
        read -r group src dst port tr msgs node <<<"$r"
        [[ $group == "$1" ]] || continue
        expect=ok
        av_blocked "$group" "$tr" && expect=fail
        uclient "$group" "$expect" "$src" "$dst" "$port" "$tr" "$msgs"
    done
}

run_clients() {
    local scenario=$1
    : >"$WORK/deviations"
    (   # Internet client 1: signalling, web conferencing, then A/V (UDP first, TCP 443 after)
        tls inet ok "$C1" "$VIP_ACC" 5061
        tls inet ok "$C1" "$VIP_ACC" 443
        tls inet ok "$C1" "$VIP_WEB" 443
        av_runs inet
        if [[ $scenario == unexpected-ports ]]; then
            step inet ok "tcp $C1 -> $N1_ACC:3389" perl "$LABNET" tcp-probe "$C1" "$N1_ACC" 3389
            step inet ok "tcp $C1 -> $N1_ACC:8080" perl "$LABNET" tcp-probe "$C1" "$N1_ACC" 8080
        fi
    ) &
    GROUP_PIDS+=($!)
    (   # Internet client 2 (served by node2): signalling and A/V
        tls inet2 ok "$C2" "$VIP_ACC" 5061
        av_runs inet2
    ) &
    GROUP_PIDS+=($!)
    (   # node1's own egress from its access address (DNS, CRL) and from its A/V address (TCP 443)
        step node1 ok "dns udp" perl "$LABNET" dns-query udp "$N1_ACC" "$ANY" crl.partner.example
        step node1 ok "dns tcp" perl "$LABNET" dns-query tcp "$N1_ACC" "$ANY" crl.partner.example
        step node1 ok "crl http" perl "$LABNET" http-get "$N1_ACC" "$ANY" 80 /pki/partner.crl
        tls node1 ok "$N1_AV" "$ANY" 443
    ) &
    GROUP_PIDS+=($!)
    (   # the front end: SIP and MRAS to the internal VIP, A/V, CMS, PSOM, XMPP gateway, CLS
        tls fe ok "$FE" "$IVIP" 5061
        tls fe ok "$FE" "$IVIP" 5062
        av_runs fe
        tls fe ok "$FE" "$N1_INT" 4443
        tls fe ok "$FE" "$N1_INT" 8057
        tls fe ok "$FE" "$N1_INT" 23456
        tls fe ok "$FE" "$N1_INT" 50001
    ) &
    GROUP_PIDS+=($!)
    local p
    for p in "${GROUP_PIDS[@]}"; do wait "$p" || true; done
    GROUP_PIDS=()
}

# "inet2" is client 2's log name; it runs in the inet namespace.
ns_of_role() { [[ $1 == inet2 ]] && echo inet || echo "$1"; }

# --- coturn's allocations ---------------------------------------------------------------------------
# coturn logs "IPv4. Local relay addr: A:P" right before "session S: new", and, when an allocation
# ends, "session S: closed ..., local L, remote R". The advertised (XOR-RELAYED-ADDRESS) address is
# the --external-ip with the relay port. Allocations still open at the end (the uclient probe over
# UDP) have no remote in the log: the remote column is then empty.
write_allocations() {
    local out="$OUT/allocations.csv" f node kind
    echo "node,listener_transport,session,relayed,advertised_relayed,server_local,client_as_seen" >"$out"
    for f in "$WORK"/logs/node?-coturn-*.log; do
        node=$(basename "$f" | cut -d- -f1)
        kind=$(basename "$f" .log | cut -d- -f3)
        awk -v node="$node" -v kind="$kind" -v advip="$(advertised_ip "$node")" '
            /Local relay addr:/ { relay = $NF; next }
            /session [0-9]+: new,/ { s = $4; sub(":", "", s); rel[s] = relay; order[++n] = s; next }
            /session [0-9]+: closed/ {
                s = $4; sub(":", "", s)
                if (match($0, /local [0-9.]+:[0-9]+/)) loc[s] = substr($0, RSTART + 6, RLENGTH - 6)
                if (match($0, /remote [0-9.]+:[0-9]+/)) rem[s] = substr($0, RSTART + 7, RLENGTH - 7)
            }
            END {
                for (i = 1; i <= n; i++) {
                    s = order[i]; split(rel[s], rp, ":")
                    printf "%s,%s,%s,%s,%s:%s,%s,%s\n", node, kind, s, rel[s], advip, rp[2], loc[s], rem[s]
                }
            }' "$f" >>"$out"
    done
}

advertised_ip() {
    case $1 in
        node1) [[ $SCENARIO == relay-misconfigured ]] && echo "$N1_INT" || echo "$N1_AV" ;;
        node2) echo "$N2_AV" ;;
    esac
}

wait_turn_closed() { # up to 6 s for coturn to log the end of the allocations the clients released
    local i f node kind n c open done
    for i in $(seq 30); do
        done=1
        for f in "$WORK"/logs/node?-coturn-*.log; do
            node=$(basename "$f" | cut -d- -f1)
            kind=$(basename "$f" .log | cut -d- -f3)
            n=$(grep -c ': new,' "$f" || true)
            c=$(grep -c ': closed' "$f" || true)
            # Each UDP uclient run leaves its probe allocation open until coturn stops.
            open=0
            [[ $kind == udp ]] && open=$(($(expected_allocations "$node" udp) / ALLOCS_PER_RUN))
            ((c + open >= n)) || done=0
        done
        ((done)) && return 0
        sleep 0.2
    done
    return 1
}

# --- outputs -----------------------------------------------------------------------------------------
write_topology() {
    cat >"$OUT/topology.yaml" <<EOF
# The edgeaudit lab (samples/lab/lab.sh), scenario $SCENARIO. Capture point NAME is NAME.pcap here.
name: pool1
pack: lync2013-edge-hlb
edge:
  nodes:
    - name: node1
      external: {access: $N1_ACC, webconf: $N1_WEB, av: $N1_AV}
      internal: $N1_INT
    - name: node2
      external: {access: $N2_ACC, webconf: $N2_WEB, av: $N2_AV}
      internal: $N2_INT
  vips:
    external: {access: $VIP_ACC, webconf: $VIP_WEB, av: $VIP_AV}
    internal: $IVIP
hlb:
  snat: [$SNAT]
internal:
  networks: [198.18.0.0/15]
  frontend: [$FE, $FE2]
  directors: []
  survivable_branch: []
federation:
  partners: []
  ocs2007: false
features: {xmpp: true, web_conferencing: true, av: true}
capture_points:
  hlb-outside: {hlb: external}
  node1-ext: {node: node1, interface: external}
  node1-int: {node: node1, interface: internal}
  node2-ext: {node: node2, interface: external}
EOF
}

# expected.csv: the violations edgeaudit must report, no more, no fewer; rows compare as a multiset
# (equal rows are distinct flows that differ only in the client's ephemeral port, written "*").
# Why each row, and why nothing else: README.md "Scenarios".

rows() { # COUNT KIND TRANSPORT ORIG ORIG_PORT RESP RESP_PORT CAPTURE
    local i
    for ((i = 0; i < $1; i++)); do echo "$2,$3,$4,$5,$6,$7,$8"; done
}

# av_flows GROUP SRC DST PORT TR NODE: "capture orig_addr resp_addr" for each capture point that sees
# the run's flows. The Internet side sees what the client sent; a node's external capture sees the
# HLB's DNAT (the node's own A/V address) and, in snat-av, the HLB's SNAT address as the source;
# the internal VIP is DNAT'd to node1's internal address. A run the HLB drops reaches no node.
av_flows() {
    local group=$1 src=$2 dst=$3 tr=$5 node=$6 av
    if [[ $group == fe ]]; then
        echo "node1-int $src $N1_INT"
        return
    fi
    echo "hlb-outside $src $dst"
    av_blocked "$group" "$tr" && return
    [[ $node == node1 ]] && av=$N1_AV || av=$N2_AV
    [[ $SCENARIO == snat-av ]] && src=$SNAT
    echo "$node-ext $src $av"
}

write_expected() {
    local f="$OUT/expected.csv" r group src dst port tr msgs node cap o d kind count
    echo "kind,transport,orig_addr,orig_port,resp_addr,resp_port,capture" >"$f"
    for r in "${AV_RUNS[@]}"; do
        read -r group src dst port tr msgs node <<<"$r"
        kind="" count=$ALLOCS_PER_RUN
        case $SCENARIO in
            # Every A/V flow from the Internet is SNAT'd; internal A/V is not behind the HLB.
            snat-av) [[ $group != fe ]] && kind=SNAT_ON_AV ;;
            # Every allocation node1 grants advertises its internal address.
            relay-misconfigured) [[ $node == node1 ]] && kind=AV_RELAY_ADDRESS ;;
            # The probe allocation goes unanswered and the run gives up: one flow, no allocation.
            udp-blocked) av_blocked "$group" "$tr" && kind=UDP_BLOCKED count=1 ;;
        esac
        [[ -n $kind ]] || continue
        while read -r cap o d; do
            rows "$count" "$kind" "$tr" "$o" '*' "$d" "$port" "$cap" >>"$f"
        done < <(av_flows "$group" "$src" "$dst" "$port" "$tr" "$node")
    done
    if [[ $SCENARIO == unexpected-ports ]]; then
        {
            rows 1 UNEXPECTED_PORT tcp "$C1" '*' "$N1_ACC" 3389 hlb-outside
            rows 1 UNEXPECTED_PORT tcp "$C1" '*' "$N1_ACC" 8080 hlb-outside
            rows 1 UNEXPECTED_PORT tcp "$C1" '*' "$N1_ACC" 3389 node1-ext
            rows 1 UNEXPECTED_PORT tcp "$C1" '*' "$N1_ACC" 8080 node1-ext
        } >>"$f"
    fi
}

# The plan behind expected.csv assumes ALLOCS_PER_RUN allocations per uclient run; coturn's own log
# must agree, or the expectations would be wrong for this coturn version.
check_allocations() {
    local want got node kind
    for node in node1 node2; do
        for kind in udp tcp; do
            got=$(grep -c ": new," "$WORK/logs/$node-coturn-$kind.log" || true)
            want=$(expected_allocations "$node" "$kind")
            if [[ $got -ne $want ]]; then
                echo "coturn $node $kind: $got allocations, planned $want" >>"$WORK/deviations"
            fi
        done
    done
}

expected_allocations() { # NODE udp|tcp: allocations coturn on NODE grants under the plan
    local r group src dst port tr msgs node n=0
    for r in "${AV_RUNS[@]}"; do
        read -r group src dst port tr msgs node <<<"$r"
        [[ $node == "$1" && $tr == "$2" ]] || continue
        av_blocked "$group" "$tr" && continue
        n=$((n + ALLOCS_PER_RUN))
    done
    echo "$n"
}

collect_run_log() {
    local f
    {
        echo "--- deviations from the plan ---"
        if [[ -s $WORK/deviations ]]; then cat "$WORK/deviations"; else echo "none"; fi
        for f in "$WORK"/logs/client-*.log "$WORK"/logs/node?-coturn-*.log "$WORK"/logs/tcpdump-*.log \
                "$WORK"/logs/inet-*.log "$WORK"/logs/node1-rdp.log "$WORK"/logs/node1-http-alt.log; do
            [[ -f $f ]] || continue
            echo "--- $(basename "$f" .log) ---"
            # coturn's start-up banner says nothing about this run; keep from the first session on.
            if [[ $f == *coturn* ]]; then
                grep -E 'session|relay addr|connected to|Relay address|Listener address|External' "$f" || true
            else
                cat "$f"
            fi
        done
        echo "--- allocations.csv ---"
        cat "$OUT/allocations.csv"
    } >>"$RUNLOG"
}

run_scenario() { # SCENARIO OUTDIR
    SCENARIO=$1
    scenario_summary "$SCENARIO" >/dev/null || die "unknown scenario '$SCENARIO' (expected one of: ${SCENARIOS[*]})" 2
    OUT="$2/$SCENARIO"
    mkdir -p "$OUT"
    rm -rf "$OUT"/*.pcap "$OUT/topology.yaml" "$OUT/expected.csv" "$OUT/run.log" "$OUT/allocations.csv" "$OUT/logs"
    RUNLOG="$OUT/run.log"
    : >"$RUNLOG"
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/edgeaudit-lab.$RUN_ID.XXXXXX")
    mkdir -p "$WORK/logs"
    TORN_DOWN=0
    log "scenario $SCENARIO: $(scenario_summary "$SCENARIO")"
    build_network
    configure_hlb "$SCENARIO"
    start_servers "$SCENARIO"
    log "servers up; starting captures"
    start_captures
    log "captures running; clients start"
    run_clients "$SCENARIO"
    log "clients done"
    sleep 1   # the last answers and TCP FINs in flight
    wait_turn_closed || true
    stop_captures
    log "captures stopped"
    check_allocations
    write_allocations
    write_topology
    write_expected
    collect_run_log
    teardown
    local c
    for c in "${CAPTURES[@]}"; do
        set -- $c
        log "$1.pcap: $(stat -c %s "$OUT/$1.pcap") bytes"
    done
    if grep -q . <(sed -n '/^--- deviations from the plan ---$/,/^---/p' "$RUNLOG" | grep -v -e '^---' -e '^none$'); then
        log "scenario $SCENARIO: traffic did not go as planned (see $RUNLOG)"
        return 1
    fi
    log "scenario $SCENARIO: done, $(($(wc -l <"$OUT/expected.csv") - 1)) expected violation(s) -> $OUT"
}

main() {
    local cmd=${1:-}
    case $cmd in
        list)
            local s
            for s in "${SCENARIOS[@]}"; do printf '%-20s %s\n' "$s" "$(scenario_summary "$s")"; done ;;
        check)
            check ;;
        clean)
            [[ $(id -u) -eq 0 ]] || die "must run as root" 3
            clean_leftovers ;;
        run)
            [[ $# -eq 3 ]] || usage
            scenario_summary "$2" >/dev/null || die "unknown scenario '$2' (expected one of: ${SCENARIOS[*]})" 2
            check >&2 || exit 3
            clean_leftovers
            run_scenario "$2" "$3" ;;
        run-all)
            [[ $# -eq 2 ]] || usage
            check >&2 || exit 3
            clean_leftovers
            local s failed=()
            for s in "${SCENARIOS[@]}"; do
                run_scenario "$s" "$2" || failed+=("$s")
            done
            ((${#failed[@]} == 0)) || die "not as planned: ${failed[*]}" ;;
        *) usage ;;
    esac
}

main "$@"

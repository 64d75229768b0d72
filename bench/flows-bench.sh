#!/usr/bin/env bash
# Times `edgeaudit flows` against tcpdump's raw read and tshark's conversation tables on one
# generated capture (~1 GB, ~10 M packets, ~200 000 flows by default), and reports packets/s,
# the ratios and peak RSS. Not a unit test: run it by hand on a quiet machine.
#
#   bench/flows-bench.sh                  # defaults
#   FLOWS=20000 PACKETS=1000000 bench/flows-bench.sh   # a quick, smaller run
#
# The capture is generated once and cached in bench/out/. tshark is much slower than the others:
# it first runs on a 1/10 prefix; if that projects past TSHARK_MAX_SECONDS (300) for the whole file,
# the prefix figure is used (packets/s measured on the prefix) and the report says so.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
out="$here/out"
mkdir -p "$out"
FLOWS=${FLOWS:-200000}
PACKETS=${PACKETS:-10000000}
HEAP=${HEAP:-512m}
TSHARK_MAX_SECONDS=${TSHARK_MAX_SECONDS:-300}
cap="$out/bench-${FLOWS}f-${PACKETS}p.pcap"

for tool in java tcpdump tshark editcap capinfos; do
    command -v "$tool" >/dev/null || { echo "flows-bench: $tool is not installed" >&2; exit 2; }
done

# build the jar if needed (the launcher does it) and generate the capture once
EDGEAUDIT_JAVA_OPTS="-Xmx1g" "$repo/edgeaudit" --version >/dev/null
jar="$repo/analyzer/target/edgeaudit.jar"
if [[ ! -f "$cap" ]]; then
    echo "flows-bench: generating $cap (once) ..." >&2
    EDGEAUDIT_JAVA_OPTS="-Xmx1g" "$repo/edgeaudit" generate --bench --flows "$FLOWS" --packets "$PACKETS" -o "$cap"
fi
packets=$(capinfos -M -c "$cap" | awk -F': *' '/Number of packets/ {print $2}')
size=$(stat -c %s "$cap")

# run NAME CMD...: runs once with /usr/bin/time -v; sets SECONDS_TAKEN, CPU_SECONDS (user + system) and RSS_MB
run() {
    local name=$1
    shift
    /usr/bin/time -v -o "$out/$name.time" "$@" >/dev/null 2>"$out/$name.err" || {
        echo "flows-bench: $name failed, see $out/$name.err" >&2
        exit 1
    }
    SECONDS_TAKEN=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$out/$name.time")
    RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$out/$name.time")
    CPU_SECONDS=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$out/$name.time")
}

rate() { awk -v p="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? p / s : 0) }'; }

echo "flows-bench: $cap: $packets packets, $((size / 1000000)) MB, $(nproc) cores" >&2

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# tcpdump first also warms the page cache for everyone. Then tcpdump and flows take turns, ROUNDS
# times, and each gets its median: on a shared machine the speed drifts (tcpdump took 0.81 s and
# 1.7 s on the same file an hour apart), so two figures taken minutes apart make a poor ratio.
ROUNDS=${ROUNDS:-3}
run tcpdump-warm tcpdump -r "$cap" -w /dev/null
tcpdump_runs=(); flows_runs=(); flows_cpu=(); m_tcpdump=0; m_flows=0
for ((round = 1; round <= ROUNDS; round++)); do
    run tcpdump tcpdump -r "$cap" -w /dev/null
    tcpdump_runs+=("$SECONDS_TAKEN"); (( RSS_MB > m_tcpdump )) && m_tcpdump=$RSS_MB
    run flows java -Xmx"$HEAP" -XX:+UseParallelGC -XX:PerMethodTrapLimit=0 -jar "$jar" flows "$cap" -o /dev/null  # as ./edgeaudit runs it
    flows_runs+=("$SECONDS_TAKEN"); flows_cpu+=("$CPU_SECONDS"); (( RSS_MB > m_flows )) && m_flows=$RSS_MB
done
t_tcpdump=$(median "${tcpdump_runs[@]}")
t_flows=$(median "${flows_runs[@]}")
echo "flows-bench: tcpdump runs ${tcpdump_runs[*]} s; flows runs ${flows_runs[*]} s (medians used)" >&2
# CPU time (user + system, all threads) drifts less than wall time on a shared machine: printed as well
echo "flows-bench: flows CPU ${flows_cpu[*]} s (median $(median "${flows_cpu[@]}") s)" >&2
summary=$(grep 'total:' "$out/flows.err" || true)

# floors: what hashing the file alone costs (flows prints each file's SHA-256, on a second thread), and
# a JVM that starts and does nothing (the same tiny capture through flows)
run sha256sum sha256sum "$cap"
t_sha=$SECONDS_TAKEN
run openssl-sha256 openssl dgst -sha256 "$cap"
t_openssl=$SECONDS_TAKEN
run flows-startup java -Xmx"$HEAP" -XX:+UseParallelGC -XX:PerMethodTrapLimit=0 -jar "$jar" flows "$repo/samples/flows/tcp-handshake-fin.pcap" -o /dev/null
t_startup=$SECONDS_TAKEN

prefix="${cap%.pcap}-prefix.pcap"  # one per capture: a prefix of another size must not be reused
prefix_packets=$((packets / 10))
[[ -f "$prefix" && "$prefix" -nt "$cap" ]] || editcap -r "$cap" "$prefix" "1-$prefix_packets" >/dev/null
run tshark-prefix tshark -n -q -z conv,tcp -z conv,udp -r "$prefix"
t_tshark=$SECONDS_TAKEN; m_tshark=$RSS_MB; tshark_packets=$prefix_packets; tshark_note="on a 1/10 prefix ($prefix_packets packets)"
projected=$(awk -v s="$t_tshark" 'BEGIN { printf "%.0f", s * 10 }')
if (( projected <= TSHARK_MAX_SECONDS )); then
    run tshark tshark -n -q -z conv,tcp -z conv,udp -r "$cap"
    t_tshark=$SECONDS_TAKEN; m_tshark=$RSS_MB; tshark_packets=$packets; tshark_note="on the whole file"
fi

r_flows=$(rate "$packets" "$t_flows")
r_tcpdump=$(rate "$packets" "$t_tcpdump")
r_tshark=$(rate "$tshark_packets" "$t_tshark")
printf '\n%-34s %10s %12s %10s\n' "run" "seconds" "packets/s" "peak RSS"
printf '%-34s %10s %12s %7s MB\n' "edgeaudit flows (-Xmx$HEAP, ParallelGC)" "$t_flows" "$r_flows" "$m_flows"
printf '%-34s %10s %12s %7s MB\n' "tcpdump -r F -w /dev/null" "$t_tcpdump" "$r_tcpdump" "$m_tcpdump"
printf '%-34s %10s %12s %7s MB   (%s)\n' "tshark -z conv,tcp -z conv,udp" "$t_tshark" "$r_tshark" "$m_tshark" "$tshark_note"
awk -v f="$r_flows" -v d="$r_tcpdump" -v t="$r_tshark" 'BEGIN {
    printf "\nflows / tcpdump = %.2fx (target >= 1.0x)\nflows / tshark  = %.1fx (target >= 50x)\n", f / d, f / t }'
echo "flows peak RSS  = $m_flows MB (target < 512 MB)"
echo "floors          : sha256sum $t_sha s, openssl dgst -sha256 $t_openssl s, flows on a 1-packet file $t_startup s"
echo "flows summary   : ${summary#flows: }"

#!/usr/bin/env bash
# Times the decode stage on a generated capture: our reader alone, our reader + PacketDecoder, and
# tcpdump's raw read (-r FILE -w /dev/null) for scale. Not a unit test: run it by hand on a quiet
# machine.
#
#   bench/decode-bench.sh                            # 10 M packets, 200 000 flows
#   FLOWS=20000 PACKETS=1000000 bench/decode-bench.sh    # a quicker run
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
out="$here/out"
mkdir -p "$out"
FLOWS=${FLOWS:-200000}
PACKETS=${PACKETS:-10000000}
ROUNDS=${ROUNDS:-3}
cap="$out/bench-${FLOWS}f-${PACKETS}p.pcap"

for tool in java mvn tcpdump; do
    command -v "$tool" >/dev/null || { echo "decode-bench: $tool is not installed" >&2; exit 2; }
done
if [[ ! -f "$cap" ]]; then
    echo "decode-bench: generating $cap (once) ..." >&2
    EDGEAUDIT_JAVA_OPTS="-Xmx1g" "$repo/edgeaudit" generate --bench --flows "$FLOWS" --packets "$PACKETS" -o "$cap"
fi
(cd "$repo/analyzer" && mvn -o -q -B test-compile \
    && mvn -o -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt)
cp="$repo/analyzer/target/test-classes:$repo/analyzer/target/classes:$(cat "$repo/analyzer/target/test-cp.txt")"

echo "capture: $cap ($(stat -c %s "$cap") bytes)"
start=$(date +%s.%N)
tcpdump -r "$cap" -w /dev/null 2>/dev/null
end=$(date +%s.%N)
echo "tcpdump -r -w /dev/null: $(echo "$end - $start" | bc) s"
java -Xmx1g -cp "$cp" io.edgeaudit.decode.DecodeBench "$cap" "$ROUNDS"

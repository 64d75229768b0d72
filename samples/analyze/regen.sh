#!/usr/bin/env bash
# Regenerates the captures of samples/analyze from their .flows scripts and the expected outputs
# (expected/NAME/) of every run listed in samples.tsv. Run from anywhere; review the diff before
# committing: the golden test (AnalyzeSamplesTest) compares against these files byte for byte.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
for f in samples/analyze/*.flows; do
    ext=pcap
    grep -q '^@format pcapng' "$f" && ext=pcapng
    ./edgeaudit generate "$f" -o "${f%.flows}.$ext" >/dev/null 2>&1
done
grep -v '^#' samples/analyze/samples.tsv | while IFS=$'\t' read -r name topo args code; do
    rm -rf "samples/analyze/expected/$name"
    mkdir -p "samples/analyze/expected/$name"
    set +e
    # shellcheck disable=SC2086 # the arguments column is split on purpose
    ./edgeaudit analyze --topology "$topo" --out "samples/analyze/expected/$name" $args \
        > "samples/analyze/expected/$name/console.txt.tmp" 2>/dev/null
    got=$?
    set -e
    mv "samples/analyze/expected/$name/console.txt.tmp" "samples/analyze/expected/$name/console.txt"
    rm -f "samples/analyze/expected/$name/flows.csv" "samples/analyze/expected/$name/report.html"
    [[ "$got" == "$code" ]] || { echo "regen: $name exited $got (expected: $code)" >&2; exit 1; }
    echo "regen: $name ok (exit $got)"
done

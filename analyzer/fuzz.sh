#!/usr/bin/env bash
# Fuzzes the packet decoder with Jazzer (issue 7).
#
#   analyzer/fuzz.sh [SECONDS] [TEST_CLASS]     fuzz for SECONDS (default 600) of wall time
#   analyzer/fuzz.sh --seeds                    rewrite the committed seed inputs from the fixtures
#
# Plain `mvn test` runs each @FuzzTest on its seeds only (regression mode). Here JAZZER_FUZZ=1 turns
# on coverage-guided fuzzing: the generated corpus grows in analyzer/.cifuzz-corpus/ (not committed,
# reused by the next run, so runs add up), and a crashing input is written next to the seeds in
# src/test/resources/io/edgeaudit/decode/<Test>Inputs/<method>/, where every later `mvn test`
# replays it. Commit it together with the fix. Each Maven run stops at the test's maxDuration
# (10 minutes), so longer budgets are served as consecutive runs.
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${1:-}" == "--seeds" ]]; then
    mvn -o -q -B test-compile
    mvn -o -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
    java -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" io.edgeaudit.decode.FuzzSeeds \
        src/test/resources/io/edgeaudit/decode/PacketDecoderFuzzTestInputs/decodesArbitraryFramesWithoutEscapingAndKeepsInvariants
    exit 0
fi

budget="${1:-600}"
test_class="${2:-PacketDecoderFuzzTest}"
deadline=$(( $(date +%s) + budget ))
run=0
while (( $(date +%s) < deadline )); do
    run=$(( run + 1 ))
    left=$(( deadline - $(date +%s) ))
    log="target/fuzz-${test_class}-${run}.log"
    mkdir -p target
    echo "fuzz run ${run}: ${test_class}, at most ${left} s, log ${log}"
    set +e
    JAZZER_FUZZ=1 timeout "${left}" mvn -o -B test -Dtest="${test_class}" -Dsurefire.failIfNoSpecifiedTests=false >"${log}" 2>&1
    rc=$?
    set -e
    grep -E '^#[0-9]+' "${log}" | tail -1 || true
    if (( rc != 0 && rc != 124 )); then
        echo "fuzzing found a failure (exit ${rc}); see ${log} and the new input under src/test/resources" >&2
        grep -E 'Exception|Error|crash-|Test unit written' "${log}" | head -20 >&2 || true
        exit 1
    fi
done
echo "no failure found in ${budget} s"

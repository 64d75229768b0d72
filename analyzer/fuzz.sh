#!/usr/bin/env bash
# Fuzzes the packet decoder with Jazzer (issue 7).
#
#   analyzer/fuzz.sh [RUNS] [TEST_CLASS]   RUNS consecutive fuzzing runs (default 2) of the test's
#                                          maxDuration each (PacketDecoderFuzzTest: 5 minutes)
#   analyzer/fuzz.sh --seeds               rewrite the generated seed inputs from the test fixtures
#
# Plain `mvn test` runs each @FuzzTest on its seeds only (regression mode). Here JAZZER_FUZZ=1 turns
# on coverage-guided fuzzing: the generated corpus grows in analyzer/.cifuzz-corpus/ (not committed,
# reused by the next run, so runs add up), and a failing input is written as crash-<sha1> next to
# the seeds in src/test/resources/io/edgeaudit/decode/<Test>Inputs/<method>/, where every later
# `mvn test` replays it: fix the bug, give the file a name that says what it caught, commit both.
#
# Runs end by themselves at maxDuration. Do not stop one with a signal (timeout, Ctrl-C) unless you
# mean to: Jazzer then dumps the input it was running as a crash-* file, which replays cleanly and
# must be deleted.
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${1:-}" == "--seeds" ]]; then
    mvn -o -q -B test-compile
    mvn -o -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
    java -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" io.edgeaudit.decode.FuzzSeeds \
        src/test/resources/io/edgeaudit/decode/PacketDecoderFuzzTestInputs/decodesArbitraryFramesWithoutEscapingAndKeepsInvariants
    exit 0
fi

runs="${1:-2}"
test_class="${2:-PacketDecoderFuzzTest}"
mkdir -p target
for (( run = 1; run <= runs; run++ )); do
    log="target/fuzz-${test_class}-${run}.log"
    echo "fuzz run ${run}/${runs}: ${test_class}, log analyzer/${log}"
    if ! JAZZER_FUZZ=1 mvn -o -B test -Dtest="${test_class}" -Dsurefire.failIfNoSpecifiedTests=false >"${log}" 2>&1; then
        echo "fuzzing found a failure; see analyzer/${log}" >&2
        grep -E 'Test unit written|Exception|Error:' "${log}" | head -20 >&2 || true
        exit 1
    fi
    grep -E '^(#[0-9]+|Done [0-9]+ runs)' "${log}" | tail -2 || true
done
echo "no failure found in ${runs} run(s)"

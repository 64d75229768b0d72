#!/usr/bin/env bash
# Fuzzes with Jazzer (issue 7): every @FuzzTest target, or one, for a budget of wall time each.
#
#   analyzer/fuzz.sh [SECONDS] [TARGET]   fuzz each target (or only TARGET, a test class name) for
#                                         SECONDS (default 600); exits 1 on the first failure
#   analyzer/fuzz.sh --list               print the targets
#   analyzer/fuzz.sh --seeds              rewrite the packet decoder's seed inputs from the fixtures
#
# Plain `mvn test` runs each @FuzzTest on its seeds only (regression mode). Here JAZZER_FUZZ=1 turns
# on coverage-guided fuzzing: the generated corpus grows in analyzer/.cifuzz-corpus/ (not committed,
# reused by the next run, so runs add up), and a crashing input is written next to the seeds in
# src/test/resources/<package>/<Test>Inputs/<method>/, where every later `mvn test` replays it.
# Commit it together with the fix and a named unit test. Do not stop a run with a signal (Ctrl-C)
# unless you mean to: Jazzer then dumps the input it was running as a crash-* file, which replays
# cleanly and must be deleted.
#
# The budget replaces the annotation's maxDuration: jazzer-junit 0.22 puts -max_total_time=<maxDuration>
# first and then the libFuzzer arguments from the jazzer.internal.arg.N configuration parameters
# (N=0 is argv[0]); libFuzzer keeps the last value of a flag. -timeout=10 makes an input that runs
# longer than 10 s a finding (a hang): readers and decoders must end in bounded time. Each target's
# last "#N DONE" line (executions, coverage, exec/s) is printed and kept in target/fuzz-<TARGET>.log.
set -euo pipefail
cd "$(dirname "$0")"

TARGETS=(CaptureReaderFuzzTest PacketDecoderFuzzTest StunDecoderFuzzTest ClientHelloParserFuzzTest PipelineFuzzTest)

if [[ "${1:-}" == "--list" ]]; then
    printf '%s\n' "${TARGETS[@]}"
    exit 0
fi
if [[ "${1:-}" == "--seeds" ]]; then
    mvn -o -q -B test-compile
    mvn -o -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
    java -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" io.edgeaudit.decode.FuzzSeeds \
        src/test/resources/io/edgeaudit/decode/PacketDecoderFuzzTestInputs/decodesArbitraryFramesWithoutEscapingAndKeepsInvariants
    exit 0
fi

budget="${1:-600}"
if [[ -n "${2:-}" ]]; then
    printf '%s\n' "${TARGETS[@]}" | grep -qx -- "$2" || { echo "fuzz.sh: unknown target '$2' (expected one of: ${TARGETS[*]})" >&2; exit 2; }
    TARGETS=("$2")
fi
mkdir -p target
mvn -o -q -B test-compile
failed=0
for t in "${TARGETS[@]}"; do
    log="target/fuzz-${t}.log"
    echo "fuzz: ${t} for ${budget} s, log ${log}"
    set +e
    # timeout only guards against a wedged JVM: libFuzzer stops itself after -max_total_time
    JAZZER_FUZZ=1 timeout $(( budget + 180 )) mvn -o -B org.apache.maven.plugins:maven-surefire-plugin:test -Dtest="${t}" \
        -Dsurefire.failIfNoSpecifiedTests=false \
        -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="${budget}" \
        -Djazzer.internal.arg.2=-timeout=10 >"${log}" 2>&1
    rc=$?
    set -e
    grep -E '^(#[0-9]+|Done [0-9]+ runs)' "${log}" | tail -1 | sed "s/^/fuzz: ${t}: /" || true
    if (( rc != 0 )); then
        echo "fuzz: ${t} FAILED (exit ${rc}); see ${log} and the new input under src/test/resources" >&2
        grep -E 'Exception|Error|crash-|Test unit written|FAILURE' "${log}" | head -20 >&2 || true
        failed=1
        break
    fi
done
exit "${failed}"

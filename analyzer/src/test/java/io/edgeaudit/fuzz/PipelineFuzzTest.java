package io.edgeaudit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.edgeaudit.cli.EdgeAuditCommand;
import io.edgeaudit.cli.ExitCodes;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole-pipeline fuzz target (issue 7): arbitrary bytes as a capture file, analysed in-process through
 * the real command line ({@code analyze --topology samples/topologies/pool1.yaml --out DIR FILE}), so
 * readers, decoders, flow table, inspectors, auditor and report writers all see the input. Nothing
 * may escape: the exit code is a documented one other than 3 (internal error), and stderr holds only
 * {@code edgeaudit: } lines, never a stack trace.
 *
 * <p>{@code mvn test} replays the seeds in {@code PipelineFuzzTestInputs/}; {@code analyzer/fuzz.sh}
 * fuzzes for real.
 */
class PipelineFuzzTest {
    private static final Path DIR = FuzzFiles.tempDir("edgeaudit-fuzz-pipeline");
    private static final Path TOPOLOGY = Path.of(System.getProperty("edgeaudit.repo", ".."),
            "samples", "topologies", "pool1.yaml");

    @FuzzTest(maxDuration = "10m")
    void analyzesArbitraryCapturesWithoutEscaping(byte[] input) {
        Path capture = FuzzFiles.write(DIR.resolve("capture.pcap"), input);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EdgeAuditCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("analyze", "--topology", TOPOLOGY.toString(), "--out", DIR.resolve("out").toString(),
                capture.toString());
        String stderr = err.toString();
        assertTrue(code == ExitCodes.OK || code == ExitCodes.VIOLATIONS || code == ExitCodes.INPUT_ERROR,
                () -> "exit " + code + ", stderr: " + stderr);
        assertNoStackTrace(stderr);
    }

    /** Every stderr line is one of ours; nothing looks like a Java stack trace. */
    static void assertNoStackTrace(String stderr) {
        for (String line : stderr.split("\n", -1)) {
            assertFalse(line.startsWith("\tat ") || line.contains("Exception") || line.startsWith("Caused by"),
                    () -> "stack trace on stderr: " + stderr);
        }
    }
}

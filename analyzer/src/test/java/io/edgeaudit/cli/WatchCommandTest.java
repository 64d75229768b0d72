package io.edgeaudit.cli;

import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.Evidence;
import io.edgeaudit.verdict.InputFile;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** watch's failures before capture starts (each one line on stderr and exit code 2), and its report files. */
class WatchCommandTest {
    @TempDir
    Path tmp;

    private Path topology() throws IOException {
        Path p = tmp.resolve("t.yaml");
        Files.writeString(p, """
                name: t
                pack: lync2013-edge-hlb
                edge:
                  nodes:
                    - name: node1
                      external: {access: 198.51.100.21, webconf: 198.51.100.22, av: 198.51.100.23}
                      internal: 198.18.0.21
                  vips:
                    external: {access: 198.51.100.10, webconf: 198.51.100.11, av: 198.51.100.12}
                    internal: 198.18.0.20
                internal:
                  networks: [198.18.0.0/15]
                """);
        return p;
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EdgeAuditCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /** Each window and the end call writeReport: the page is rewritten in place, beside analyze's data files. */
    @Test
    void everyWindowRewritesReportHtmlWithItsVerdict() throws IOException {
        Path out = tmp.resolve("out");
        WatchCommand.writeReport(result(List.of()), out);
        String first = Files.readString(out.resolve("report.html"));
        assertTrue(first.contains("data-exit-code=\"0\""), "window 1 is compliant");
        Evidence ev = new Evidence(List.of("live:lo"), List.of(new PacketRef(0, "live:lo", 3, 0L)), 0L, 1L, 2, 100);
        Violation v = new Violation(ViolationKind.UNEXPECTED_PORT, Severity.ERROR, "F1", "tcp", "203.0.113.9", 1,
                "198.51.100.10", 3389, "external", "", "", "no rule allows tcp 3389", ev, "Close 3389.");
        WatchCommand.writeReport(result(List.of(v)), out);
        String second = Files.readString(out.resolve("report.html"));
        assertTrue(second.contains("data-verdict=\"violations\" data-exit-code=\"1\""), "window 2 has the violation");
        assertTrue(second.contains("UNEXPECTED_PORT"));
        try (var files = Files.list(out)) {
            assertEquals(List.of("allocations.csv", "coverage.csv", "flows.csv", "report.html", "report.json",
                    "violations.csv"), files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary left");
        }
    }

    private static AuditResult result(List<Violation> violations) {
        return AuditResult.of("t", "t.yaml", "lync2013-edge-hlb", List.of(new InputFile(0, "live:lo", "live", "", 2,
                "", "")), 2, 100, List.of(), violations, List.of(), List.of(), List.of(), List.of(), "", Severity.WARNING);
    }

    private static void assumeCapture() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to open a packet socket");
    }

    @Test
    void aBadFilterIsTheCompilersMessage() throws IOException {
        assumeCapture();
        String[] r = run("watch", "-i", "lo", "-t", topology().toString(), "--out", tmp.resolve("o").toString(),
                "--filter", "port 99999");
        assertEquals("2", r[0], r[2]);
        assertEquals("edgeaudit watch: bad --filter 'port 99999': illegal port number 99999 > 65535\n", r[2]);
        assertFalse(Files.exists(tmp.resolve("o/summary.json")), "nothing written when capture did not start");
    }

    @Test
    void anUnknownInterfaceIsOneLine() throws IOException {
        assumeCapture();
        String[] r = run("watch", "-i", "nosuch9", "-t", topology().toString(), "--out", tmp.resolve("o").toString());
        assertEquals("2", r[0], r[2]);
        assertEquals("edgeaudit watch: live:nosuch9: no such interface (see 'edgeaudit interfaces')\n", r[2]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # options                      | expected in the one-line error
            --keep 0                       | --keep 0 (expected: at least 1)
            --rotate-size 10kB             | --rotate-size 10000 bytes (expected: at least 1MB)
            --rotate-size 12parsecs        | unknown unit 'parsecs'
            --snaplen 10                   | snaplen 10 out of range (expected: 64..262144)
            --window 0s                    | not a positive duration
            --fail-on fatal                | unknown severity 'fatal'
            """)
    void badOptionsAreRejectedBeforeCapture(String options, String expected) throws IOException {
        List<String> args = new ArrayList<>(List.of("watch", "-i", "lo", "-t", topology().toString(),
                "--out", tmp.resolve("o").toString()));
        args.addAll(List.of(options.split(" ")));
        String[] r = run(args.toArray(String[]::new));
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains(expected), r[2]);
        assertEquals(r[2].lines().filter(l -> l.startsWith("edgeaudit")).count(), 1, r[2]);
    }

    @Test
    void withoutCaptureCapabilitiesItSaysHowToGrantThem() throws IOException, InterruptedException {
        assumeCapture();
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/capsh")) || Files.isExecutable(Path.of("/sbin/capsh")),
                "capsh (Debian libcap2-bin) is not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // root without CAP_NET_RAW and CAP_NET_ADMIN is what an unprivileged user gets from libpcap
        Process p = new ProcessBuilder("capsh", "--drop=cap_net_raw,cap_net_admin", "--", "-c",
                "exec \"$0\" -cp \"$1\" io.edgeaudit.cli.Main watch -i lo -t \"$2\" --out \"$3\"",
                java, System.getProperty("java.class.path"), topology().toString(), tmp.resolve("o").toString())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out + err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("edgeaudit watch: live:lo: no permission to capture"), err);
        assertTrue(err.contains("run as root, or grant the capture capabilities to java: "
                + "sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))"), err);
    }
}

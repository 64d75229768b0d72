package io.edgeaudit.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class InterfacesCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EdgeAuditCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void listsLoopbackWithItsAddressAndFlags() {
        String[] r = run("interfaces");
        assumeTrue(!r[2].contains("libpcap could not be loaded"), "libpcap is not installed here");
        assertEquals("0", r[0], r[2]);
        String lo = r[1].lines().filter(l -> l.startsWith("lo ")).findFirst().orElse("");
        assumeTrue(!lo.isEmpty(), "libpcap lists no 'lo' here (not Linux, or no permission to see devices)");
        assertTrue(lo.contains("up") && lo.contains("loopback"), lo);
        assertTrue(lo.contains("127.0.0.1/8"), lo);
        assertTrue(r[1].startsWith("libpcap version "), r[1]);
    }

    /** A fresh JVM, because pcap4j binds libpcap once per process in a static initializer. */
    @Test
    void missingLibpcapIsOneLineNamingTheDebianPackage() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap.so.0.8",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "interfaces"));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out + err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("edgeaudit: libpcap could not be loaded"), err);
        assertTrue(err.contains("install the Debian package libpcap0.8"), err);
    }
}

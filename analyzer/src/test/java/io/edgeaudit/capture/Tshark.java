package io.edgeaudit.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Wireshark's tshark on a file, for tests that check what Wireshark makes of our bytes. */
final class Tshark {
    /** What tshark printed and how it ended. */
    record Result(int exitCode, List<String> lines, String stderr) {
    }

    private static final boolean AVAILABLE = probe();

    private Tshark() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    /** {@code tshark -r FILE -T fields -e F1 -e F2 ...}, fields separated by tabs, bounded to 60 s. */
    static Result fields(Path file, String... fields) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields",
                "-E", "separator=/t", "-E", "occurrence=a"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        return run(cmd);
    }

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        Path err = java.nio.file.Files.createTempFile("tshark", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("tshark did not finish in 60 s: " + cmd);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
            String stderr = java.nio.file.Files.readString(err).lines()
                    .filter(l -> !l.startsWith("Running as user"))
                    .reduce("", (a, b) -> a.isEmpty() ? b : a + "\n" + b);
            return new Result(p.exitValue(), lines, stderr);
        } finally {
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package io.edgeaudit.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens a page in Debian's headless Chromium, without network, sync or first-run noise, and returns
 * the DOM after the page's script has run ({@code --dump-dom}) or a PNG screenshot. Each call uses
 * its own throw-away profile folder and is bounded in time.
 */
public final class HeadlessChromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    private HeadlessChromium() {
    }

    /** Skips the calling test when Chromium is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "chromium not installed at " + BINARY + " (.ci/run installs it)");
    }

    /** The serialised DOM once the page has loaded and its scripts have run. */
    public static String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
        Path out = scratch.resolve("dom.html");
        run(scratch, out, "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Writes a full-width screenshot of the top {@code height} pixels of the page to {@code png}. */
    public static void screenshot(Path page, Path png, int height, Path scratch) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        run(scratch, scratch.resolve("screenshot.log"), "--virtual-time-budget=5000", "--hide-scrollbars",
                "--window-size=1280," + height, "--screenshot=" + png.toAbsolutePath(), page.toUri().toString());
    }

    private static void run(Path scratch, Path stdout, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "profile");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(scratch.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited with " + p.exitValue() + ": "
                    + Files.readString(scratch.resolve("chromium.err")));
        }
    }

    /** The value of {@code attr} on the element whose id is {@code id} in a DOM dump, or null. */
    public static String attribute(String dom, String id, String attr) {
        Matcher m = Pattern.compile("<[a-z0-9]+[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(dom);
        if (!m.find()) {
            return null;
        }
        Matcher a = Pattern.compile("\\b" + Pattern.quote(attr) + "=\"([^\"]*)\"").matcher(m.group());
        return a.find() ? a.group(1) : null;
    }

    /** The text of the element whose id is {@code id} (no nested elements expected). */
    public static String text(String dom, String id) {
        Matcher m = Pattern.compile("\\bid=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(dom);
        return m.find() ? m.group(1) : null;
    }

    /** How many elements named {@code tag} the DOM holds. */
    public static int count(String dom, String tag) {
        Matcher m = Pattern.compile("<" + tag + "[\\s>]", Pattern.CASE_INSENSITIVE).matcher(dom);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

package io.edgeaudit.report.html;

import io.edgeaudit.report.OutputFolder;
import io.edgeaudit.verdict.AuditResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;

import static io.edgeaudit.report.html.Html.esc;

/**
 * Writes the audit report as one self-contained HTML file: inline CSS, a small inline script for
 * sorting and filtering, inline SVG charts; no external resource of any kind, so it opens offline
 * and can be mailed as it is.
 *
 * <p>Safety: every string is escaped by {@link Html#esc}; the page carries a Content-Security-Policy
 * that allows only its own script (by SHA-256 hash), so even a string that escaped escaping could
 * not run. The script records errors in a hidden {@code #js-errors} element and sets
 * {@code body[data-ready]} when it has run, which is what the headless-browser test reads.
 */
public final class HtmlReportWriter {
    /** At most this many flows are listed in the page; flows.csv has them all. */
    public static final int MAX_FLOW_ROWS = 2000;

    /** "edgeaudit VERSION", from the version.properties Maven writes at build time. */
    public static final String TOOL = "edgeaudit " + version();
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "script-src 'sha256-" + sha256Base64(JS) + "'; base-uri 'none'; form-action 'none'";

    private HtmlReportWriter() {
    }

    /**
     * Writes the page to {@code target} atomically (temporary file in the same folder, then rename).
     *
     * @throws IOException when the folder cannot be written
     */
    public static void write(ReportModel model, Path target) throws IOException {
        OutputFolder.writeFile(target, out -> render(model, out));
    }

    /**
     * Writes the page of an analysis result, atomically: what {@code analyze}, {@code av},
     * {@code watch} and {@code report} call.
     */
    public static void write(AuditResult result, Path target) throws IOException {
        write(ReportModels.from(result, TOOL, Instant.now()), target);
    }

    /** Renders the page of an analysis result into {@code out} (e.g. an {@code OutputFolder} body). */
    public static void render(AuditResult result, Writer out) throws IOException {
        render(ReportModels.from(result, TOOL, Instant.now()), out);
    }

    /** Renders the page; the caller owns {@code out}. */
    public static void render(ReportModel model, Writer out) throws IOException {
        StringBuilder b = new StringBuilder(64 * 1024);
        head(model, b);
        out.append(b);
        b.setLength(0);
        Sections s = new Sections(b);
        s.summary(model);
        if (shown("history", model)) {
            s.history(model.history());
        }
        s.violations(model.violations());
        if (shown("tables", model)) {
            s.tables(model.tables());
        }
        if (shown("requirements", model)) {
            s.requirements(model.requirements());
        }
        s.allocations(model.allocations());
        if (shown("charts", model)) {
            s.charts(model);
        }
        if (shown("flows", model)) {
            s.flows(model, MAX_FLOW_ROWS);
        }
        s.inputs(model.files(), model.anomalies());
        out.append(b);
        b.setLength(0);
        b.append("<footer>Written by ").append(esc(model.tool())).append(" on ")
                .append(esc(Sections.time(model.generatedAt()))).append(". Evidence cites input files and "
                        + "packet numbers as Wireshark counts them (frame.number).</footer>\n");
        b.append("<pre id=\"js-errors\" data-count=\"0\"></pre>\n</main>\n<script>").append(JS)
                .append("</script>\n</body>\n</html>\n");
        out.append(b);
    }

    private static void head(ReportModel m, StringBuilder b) {
        String status = m.summary().status();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(esc(CSP)).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"").append(esc(m.tool())).append("\">\n")
                .append("<title>").append(esc(m.title())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body data-ready=\"0\">\n")
                .append("<header class=\"top ").append(esc(status)).append("\" id=\"verdict\" data-verdict=\"")
                .append(esc(status)).append("\" data-exit-code=\"").append(m.exitCode()).append("\">")
                .append("<div class=\"inner\"><h1>").append(esc(m.title())).append("</h1>")
                .append("<div class=\"verdict\">").append(esc(verdictWord(status))).append("</div>")
                .append("<div class=\"headline\">").append(esc(headline(m.summary().headline(m.flowsClassified()))))
                .append("</div>")
                .append("<div class=\"meta\">Topology ").append(esc(m.topology().isEmpty() ? "(none)" : m.topology()))
                .append(" \u00b7 generated ").append(esc(Sections.time(m.generatedAt())))
                .append(" \u00b7 exit code ").append(m.exitCode()).append("</div></div></header>\n<main>\n")
                .append("<nav class=\"toc\">");
        String[][] links = {{"summary", "Summary"}, {"history", "Changes"}, {"violations", "Violations"},
                {"tables", "Firewall tables"}, {"requirements", "HLB requirements"}, {"allocations", "A/V allocations"},
                {"charts", "Charts"}, {"flows", "Flows"}, {"inputs", "Inputs"}};
        for (String[] l : links) {
            if (shown(l[0], m)) {
                b.append("<a href=\"#").append(l[0]).append("\">").append(l[1]).append("</a>");
            }
        }
        b.append("</nav>\n");
    }

    /** Whether the page has the section {@code id}: its link in the contents and its body both ask. */
    private static boolean shown(String id, ReportModel m) {
        return switch (id) {
            case "history" -> m.history() != null;
            case "tables", "charts", "flows" -> m.flowsClassified();
            case "requirements" -> m.flowsClassified() || !m.requirements().isEmpty();
            default -> true;
        };
    }

    /** The summary's headline without the verdict words the banner already shows in large type. */
    static String headline(String h) {
        return h.replaceFirst("^(NOT COMPLIANT|COMPLIANT): ", "");
    }

    private static String verdictWord(String status) {
        return switch (status) {
            case "compliant" -> "Compliant";
            case "partial" -> "Partial result";
            default -> "Not compliant";
        };
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (expected: in the jar next to HtmlReportWriter)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream("/io/edgeaudit/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    static String sha256Base64(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return Base64.getEncoder().encodeToString(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}

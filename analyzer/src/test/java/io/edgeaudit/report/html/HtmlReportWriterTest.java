package io.edgeaudit.report.html;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportWriterTest {
    private static final Path ARTIFACTS = Path.of(System.getProperty("edgeaudit.repo", ".."), "analyzer", "target",
            "report-artifacts");

    private static String render(ReportModel m) throws IOException {
        StringWriter w = new StringWriter();
        HtmlReportWriter.render(m, w);
        return w.toString();
    }

    @Test
    void pageLoadsNothingFromOutside() throws IOException {
        String html = render(ReportFixtures.sample("x"));
        assertAll(
                () -> assertFalse(Pattern.compile("<(link|img|iframe|object|embed)\\b").matcher(html).find(), "external element"),
                () -> assertFalse(Pattern.compile("\\b(src|href)=\"(https?:)?//").matcher(html).find(), "external url"),
                () -> assertFalse(html.contains("@import"), "css import"),
                () -> assertFalse(html.contains("url("), "css url"),
                () -> assertEquals(1, HeadlessChromium.count(html, "script"), "one inline script"));
    }

    @Test
    void hostileStringsAppearOnlyEscaped() throws IOException {
        for (String hostile : ReportFixtures.HOSTILE) {
            String html = render(ReportFixtures.sample(hostile));
            assertAll(hostile,
                    () -> assertFalse(html.contains("<script>alert"), "raw script"),
                    () -> assertFalse(html.contains("<img"), "attribute break-out"),
                    () -> assertFalse(html.contains("\u0000"), "NUL"),
                    () -> assertEquals(1, HeadlessChromium.count(html, "script"), "only the page's own script"),
                    () -> assertTrue(html.contains("Content-Security-Policy"), "CSP"));
        }
        assertTrue(render(ReportFixtures.sample("<script>alert(1)</script>"))
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
    }

    @Test
    void unseenRowsAreMarkedAndSwitchedOffRowsAreSet() throws IOException {
        String html = render(ReportFixtures.sample("x"));
        assertTrue(html.contains("<tr class=\"unseen\" data-rule=\"ext-node-http80-out\">"), html);
        assertTrue(html.contains("<tr class=\"off\" data-rule=\"ext-node-rtp-udp-out\">"));
        assertTrue(html.contains("<tr class=\"seen\" data-rule=\"ext-vip-av-udp3478\">"));
    }

    /**
     * Drives the page's own sorting and filtering in Chromium: a copy of the page without its CSP gets
     * a second script that clicks the Bytes header twice and types a filter, then writes what it saw
     * into the DOM for --dump-dom.
     */
    @Test
    void flowTableSortsByBytesAndFiltersByText(@TempDir Path dir) throws Exception {
        HeadlessChromium.assumeInstalled();
        String html = render(ReportFixtures.sample("x")).replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "");
        String driver = "<script>window.addEventListener('load', function () {"
                + "var t = document.getElementById('flow-table'); var th = t.tHead.rows[0].cells[8];"
                + "th.click(); var asc = t.tBodies[0].rows[0].cells[0].textContent;"
                + "th.click(); var desc = t.tBodies[0].rows[0].cells[0].textContent;"
                + "var f = document.getElementById('flow-filter'); f.value = '8080';"
                + "f.dispatchEvent(new Event('input'));"
                + "document.body.setAttribute('data-test', asc + ' ' + desc + ' '"
                + " + document.getElementById('flow-shown').textContent); });</script></body>";
        Path page = dir.resolve("driven.html");
        Files.writeString(page, html.replace("</body>", driver));
        String dom = HeadlessChromium.dumpDom(page, dir);
        // smallest flow F99 (180 bytes) first, then the largest F29; one flow mentions 8080
        assertTrue(dom.contains("data-test=\"F99 F29 1\""), () -> dom.substring(0, Math.min(600, dom.length())));
        assertEquals("0", HeadlessChromium.attribute(dom, "js-errors", "data-count"));
    }

    @Test
    void aFloodOfOneKindIsCutWithAPointerToTheCsv() throws IOException {
        ReportModel m = ReportFixtures.sample("x");
        java.util.List<io.edgeaudit.verdict.Violation> many = new java.util.ArrayList<>();
        for (int i = 0; i < Sections.MAX_FINDINGS_PER_KIND + 7; i++) {
            many.add(m.violations().get(1));
        }
        String html = render(new ReportModel(m.title(), m.generatedAt(), m.tool(), m.topology(), m.summary(),
                m.exitCode(), m.files(), many, m.tables(), m.requirements(), m.allocations(), m.flows(), m.anomalies(),
                null));
        assertEquals(Sections.MAX_FINDINGS_PER_KIND, html.split("<div class=\"finding\">", -1).length - 1);
        assertTrue(html.contains("7 more of this kind are listed in violations.csv"));
        assertTrue(html.contains("id=\"kind-UNEXPECTED_PORT\" data-count=\"" + many.size() + "\""));
    }

    @Test
    void writeReplacesTheFileAtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("report.html");
        Files.writeString(target, "old");
        HtmlReportWriter.write(ReportFixtures.sample("x"), target);
        assertTrue(Files.readString(target).startsWith("<!DOCTYPE html>"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void chromiumRunsThePageWithoutErrorsAndShowsTheModelsCounts(@TempDir Path dir) throws Exception {
        HeadlessChromium.assumeInstalled();
        for (int i = 0; i < ReportFixtures.HOSTILE.size(); i++) {
            ReportModel m = ReportFixtures.sample(ReportFixtures.HOSTILE.get(i));
            Path page = dir.resolve("report-" + i + ".html");
            HtmlReportWriter.write(m, page);
            String dom = HeadlessChromium.dumpDom(page, dir);
            String hostile = ReportFixtures.HOSTILE.get(i);
            assertAll(hostile,
                    () -> assertEquals("0", HeadlessChromium.attribute(dom, "js-errors", "data-count"),
                            () -> "script errors: " + HeadlessChromium.text(dom, "js-errors")),
                    () -> assertTrue(dom.contains("data-ready=\"1\""), "script ran"),
                    () -> assertEquals("violations", HeadlessChromium.attribute(dom, "verdict", "data-verdict")),
                    () -> assertEquals("2", HeadlessChromium.attribute(dom, "count-violations", "data-v")),
                    () -> assertEquals(Long.toString(m.summary().flows()), HeadlessChromium.attribute(dom, "count-flows", "data-v")),
                    () -> assertEquals(1, HeadlessChromium.count(dom, "script"), "no injected script element"),
                    () -> assertEquals(0, HeadlessChromium.count(dom, "img"), "no injected img element"),
                    () -> assertEquals(Integer.toString(m.flows().size()), HeadlessChromium.text(dom, "flow-shown"),
                            "filter initialised"));
        }
        Path page = dir.resolve("report-0.html");
        HeadlessChromium.screenshot(page, ARTIFACTS.resolve("html-report-hostile.png"), 3000, dir);
        Files.copy(page, ARTIFACTS.resolve("html-report-hostile.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(ARTIFACTS.resolve("html-report-hostile.png")) > 10_000, "screenshot written");
    }
}

package io.edgeaudit.report.html;

import io.edgeaudit.report.html.ReportModel.FlowRow;
import io.edgeaudit.report.html.SvgCharts.Bar;
import io.edgeaudit.report.html.SvgCharts.Series;
import io.edgeaudit.report.html.SvgCharts.Unit;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link ReportModel} into the page's charts: traffic per rule over time, top talkers, and
 * violations over time. Time is cut into {@link #BUCKETS} equal buckets between the first and last
 * flow timestamps; a flow's bytes are spread evenly over the buckets it spans, so a long flow does
 * not show up as one spike at its start.
 */
final class ReportCharts {
    static final int BUCKETS = 40;
    /** Rules drawn as their own series; the rest are summed as "other". */
    static final int TOP_RULES = 7;
    static final int TOP_TALKERS = 10;

    private final ReportModel model;
    private final long t0;
    private final long span;

    ReportCharts(ReportModel model) {
        this.model = model;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (FlowRow f : model.flows()) {
            first = Math.min(first, f.tsFirst());
            last = Math.max(last, f.tsLast());
        }
        for (Violation v : model.violations()) {
            first = Math.min(first, v.evidence().tsFirst());
            last = Math.max(last, v.evidence().tsFirst());
        }
        this.t0 = first == Long.MAX_VALUE ? 0 : first;
        this.span = first == Long.MAX_VALUE ? 1 : Math.max(1, last - first + 1);
    }

    boolean hasTraffic() {
        return !model.flows().isEmpty();
    }

    String trafficPerRule() {
        Map<String, double[]> perRule = new HashMap<>();
        Map<String, Long> totals = new HashMap<>();
        for (FlowRow f : model.flows()) {
            String key = f.ruleId().isEmpty() ? "(" + f.classification() + ")" : f.ruleId();
            spread(perRule.computeIfAbsent(key, k -> new double[BUCKETS]), f.tsFirst(), f.tsLast(), f.bytes());
            totals.merge(key, f.bytes(), Long::sum);
        }
        List<String> ranked = new ArrayList<>(totals.keySet());
        ranked.sort(Comparator.comparing((String k) -> -totals.get(k)).thenComparing(k -> k));
        List<Series> series = new ArrayList<>();
        double[] other = new double[BUCKETS];
        for (int i = 0; i < ranked.size(); i++) {
            double[] values = perRule.get(ranked.get(i));
            if (i < TOP_RULES) {
                series.add(new Series(ranked.get(i), SvgCharts.PALETTE[i], values));
            } else {
                for (int b = 0; b < BUCKETS; b++) {
                    other[b] += values[b];
                }
            }
        }
        if (ranked.size() > TOP_RULES) {
            series.add(new Series("other rules", SvgCharts.PALETTE[8], other));
        }
        return SvgCharts.stackedColumns("Traffic per rule over time (bytes)", bucketLabels(), series, Unit.BYTES);
    }

    String topTalkers() {
        Map<String, Long> bytes = new HashMap<>();
        for (FlowRow f : model.flows()) {
            bytes.merge(f.orig(), f.bytes(), Long::sum);
            bytes.merge(f.resp(), f.bytes(), Long::sum);
        }
        List<Bar> bars = bytes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_TALKERS)
                .map(e -> new Bar(e.getKey(), e.getValue()))
                .toList();
        return SvgCharts.bars("Top talkers (bytes sent and received)", bars, Unit.BYTES);
    }

    String violationsOverTime() {
        Map<Severity, double[]> perSeverity = new LinkedHashMap<>();
        perSeverity.put(Severity.ERROR, new double[BUCKETS]);
        perSeverity.put(Severity.WARNING, new double[BUCKETS]);
        perSeverity.put(Severity.INFO, new double[BUCKETS]);
        for (Violation v : model.violations()) {
            perSeverity.get(v.severity())[bucket(v.evidence().tsFirst())]++;
        }
        String[] colors = {"#D55E00", "#E69F00", "#56B4E9"};
        List<Series> series = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Severity, double[]> e : perSeverity.entrySet()) {
            series.add(new Series(e.getKey().label(), colors[i++], e.getValue()));
        }
        return SvgCharts.stackedColumns("Violations over time (by first packet)", bucketLabels(), series, Unit.COUNT);
    }

    private void spread(double[] values, long from, long to, long amount) {
        int a = bucket(from);
        int z = bucket(Math.max(from, to));
        double share = (double) amount / (z - a + 1);
        for (int b = a; b <= z; b++) {
            values[b] += share;
        }
    }

    private int bucket(long ts) {
        long off = Math.max(0, ts - t0);
        int b = (int) Math.min(BUCKETS - 1, (long) ((double) off / span * BUCKETS));
        return Math.max(0, b);
    }

    private List<String> bucketLabels() {
        List<String> labels = new ArrayList<>(BUCKETS);
        if (span < 60_000_000_000L) {
            // a short capture: the first label is the time, the others the offset from it
            DateTimeFormatter fmt = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
            labels.add(fmt.format(Instant.ofEpochSecond(0, t0)));
            for (int b = 1; b < BUCKETS; b++) {
                double ms = (double) span * b / BUCKETS / 1e6;
                labels.add(ms < 1 ? String.format(Locale.ROOT, "+%.0f \u00b5s", ms * 1000)
                        : ms < 1000 ? String.format(Locale.ROOT, "+%.1f ms", ms)
                        : String.format(Locale.ROOT, "+%.1f s", ms / 1000));
            }
            return labels;
        }
        String pattern = span > 86_400_000_000_000L ? "MM-dd HH:mm" : "HH:mm:ss";
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
        for (int b = 0; b < BUCKETS; b++) {
            long ts = t0 + (long) ((double) span * b / BUCKETS);
            labels.add(fmt.format(Instant.ofEpochSecond(0, ts)));
        }
        return labels;
    }
}

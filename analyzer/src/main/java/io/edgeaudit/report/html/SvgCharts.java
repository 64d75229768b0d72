package io.edgeaudit.report.html;

import java.util.List;
import java.util.Locale;

import static io.edgeaudit.report.html.Html.esc;

/**
 * Inline SVG charts drawn in Java, so the page needs no chart library and prints as vectors. Every
 * label is escaped; numbers are formatted with {@link Locale#ROOT}. Charts scale to the page width
 * through their viewBox.
 */
public final class SvgCharts {
    /** Colour-blind-safe palette (Okabe-Ito, then greys). */
    static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
            "#F0E442", "#000000", "#999999"};

    private static final int W = 900;
    private static final int H = 260;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 14;
    private static final int BOTTOM = 40;

    private SvgCharts() {
    }

    /** A named series of values, one per x category. */
    public record Series(String name, String color, double[] values) {
    }

    /** One horizontal bar. */
    public record Bar(String label, double value) {
    }

    /** How values on an axis are written. */
    public enum Unit {
        BYTES, COUNT;

        String format(double v) {
            if (this == COUNT) {
                return v >= 10_000 ? String.format(Locale.ROOT, "%.0fk", v / 1000) : String.format(Locale.ROOT, "%.0f", v);
            }
            String[] units = {"B", "KB", "MB", "GB", "TB"};
            int u = 0;
            while (v >= 1000 && u < units.length - 1) {
                v /= 1000;
                u++;
            }
            boolean whole = u == 0 && v == Math.rint(v);
            return String.format(Locale.ROOT, whole ? "%.0f %s" : "%.1f %s", v, units[u]);
        }
    }

    /**
     * Stacked columns: one column per x label, series stacked bottom-up in list order.
     *
     * @param title   accessible title (also the tooltip of the whole chart)
     * @param xLabels one label per column; only some are printed when there are many
     */
    public static String stackedColumns(String title, List<String> xLabels, List<Series> series, Unit unit) {
        int n = xLabels.size();
        double max = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (Series s : series) {
                sum += s.values()[i];
            }
            max = Math.max(max, sum);
        }
        double top = unit == Unit.COUNT ? countCeiling(max) : niceCeiling(max);
        StringBuilder b = open(title, H);
        axes(b, top, unit);
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        double colW = n == 0 ? 0 : plotW / n;
        int labelEvery = Math.max(1, (int) Math.ceil(n / 8.0));
        for (int i = 0; i < n; i++) {
            double y = H - BOTTOM;
            double x = LEFT + i * colW + colW * 0.1;
            for (Series s : series) {
                double v = s.values()[i];
                if (v <= 0) {
                    continue;
                }
                double h = v / top * plotH;
                y -= h;
                b.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                        x, y, colW * 0.8, h, esc(s.color()), esc(s.name() + " @ " + xLabels.get(i) + ": " + unit.format(v))));
            }
            if (i % labelEvery == 0) {
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"xl\">%s</text>",
                        LEFT + i * colW + colW / 2, H - BOTTOM + 16, esc(xLabels.get(i))));
            }
        }
        legend(b, series.stream().map(Series::name).toList(), series.stream().map(Series::color).toList());
        return b.append("</svg>").toString();
    }

    /** Horizontal bars, largest first as given, labels on the left. */
    public static String bars(String title, List<Bar> bars, Unit unit) {
        int rowH = 22;
        int height = TOP + Math.max(1, bars.size()) * rowH + 10;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        double top = niceCeiling(max);
        int labelW = 260;
        double plotW = W - labelW - 110;
        StringBuilder b = open(title, height);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = TOP + i * rowH;
            double w = bar.value() / top * plotW;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"yl\">%s</text>",
                    labelW - 8, y + 15, esc(bar.label())));
            b.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\"><title>%s</title></rect>",
                    labelW, y + 3, w, PALETTE[0], esc(bar.label() + ": " + unit.format(bar.value()))));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"vl\">%s</text>",
                    labelW + w + 6, y + 15, esc(unit.format(bar.value()))));
        }
        return b.append("</svg>").toString();
    }

    private static StringBuilder open(String title, int height) {
        return new StringBuilder(4096).append(String.format(Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>",
                W, height, esc(title), esc(title)));
    }

    private static void axes(StringBuilder b, double top, Unit unit) {
        double plotH = H - TOP - BOTTOM;
        for (int t = 0; t <= 4; t++) {
            double y = H - BOTTOM - plotH * t / 4;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>",
                    LEFT, W - RIGHT, y, y, t == 0 ? "axis" : "grid"));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"yl\">%s</text>",
                    LEFT - 6, y + 4, esc(unit.format(top * t / 4))));
        }
    }

    private static void legend(StringBuilder b, List<String> names, List<String> colors) {
        for (int i = 0; i < names.size(); i++) {
            int y = TOP + 4 + i * 18;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                    W - RIGHT + 12, y, esc(colors.get(i))));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"lg\">%s</text>",
                    W - RIGHT + 30, y + 10, esc(abbreviate(names.get(i), 24))));
        }
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code v} (1 for 0). */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A multiple of 4 at least {@code v}, so the four grid lines of a count axis fall on whole numbers. */
    static double countCeiling(double v) {
        return 4 * Math.ceil(niceCeiling(Math.max(v, 1)) / 4);
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}

package io.edgeaudit.report;

import io.edgeaudit.verdict.AuditResult;
import io.edgeaudit.verdict.AuditSummary;
import io.edgeaudit.verdict.InputFile;
import io.edgeaudit.verdict.RequirementStatus;
import io.edgeaudit.verdict.RuleCoverage;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console summary of {@code analyze}: the verdict, violations grouped by kind and rule, top
 * offenders, coverage and requirements, in a few dozen lines whatever the capture's size. Strings
 * from packet data are addresses and numbers only (no payload text reaches the console).
 */
public final class ConsoleSummary {
    /** How many offenders and example violations the console shows. */
    public static final int TOP = 5;

    private ConsoleSummary() {
    }

    public static void write(AuditResult r, PrintWriter out) {
        AuditSummary s = r.summary();
        out.println("edgeaudit analyze: topology " + r.topology() + ", pack " + r.pack());
        out.println("  " + s.files() + " file" + (s.files() == 1 ? "" : "s") + ", " + s.packets() + " packets, "
                + s.flows() + " flows (" + s.inScopeFlows() + " touch the Edge: " + s.allowedFlows() + " allowed, "
                + s.violatingFlows() + " violating; " + s.outOfScopeFlows() + " out of scope)");
        for (InputFile f : r.files()) {
            if (f.partial()) {
                out.println("  partial: " + f.error());
            }
        }
        if (!r.error().isEmpty()) {
            out.println("  error: " + r.error());
        }
        out.println();
        out.println("VERDICT: " + s.headline());
        if (!r.violations().isEmpty()) {
            out.println();
            out.println("Violations by kind and rule:");
            Map<String, Map<String, int[]>> byKind = new TreeMap<>();
            for (Violation v : r.violations()) {
                int[] n = byKind.computeIfAbsent(v.kind().name(), k -> new TreeMap<>())
                        .computeIfAbsent(v.ruleId().isEmpty() ? "-" : v.ruleId(), k -> new int[3]);
                n[2 - v.severity().ordinal()]++;
            }
            for (Map.Entry<String, Map<String, int[]>> k : byKind.entrySet()) {
                int total = k.getValue().values().stream().mapToInt(n -> n[0] + n[1] + n[2]).sum();
                List<String> rules = new ArrayList<>();
                for (Map.Entry<String, int[]> e : k.getValue().entrySet()) {
                    rules.add(e.getKey() + " " + counts(e.getValue()));
                }
                out.printf("  %-20s %5d   nearest rule: %s%n", k.getKey(), total, String.join(", ", rules));
            }
            out.println();
            out.println("First violations:");
            for (int i = 0; i < Math.min(TOP, r.violations().size()); i++) {
                Violation v = r.violations().get(i);
                out.println("  [" + v.severity().label() + "] " + v.kind().name() + " " + v.flowUid() + " "
                        + v.evidence().firstPackets().stream().findFirst().map(Object::toString).orElse("") + ": "
                        + v.explanation());
            }
            out.println();
            out.println("Top offenders (violations per originating address):");
            Map<String, Integer> offenders = new LinkedHashMap<>();
            for (Violation v : r.violations()) {
                offenders.merge(offender(v), 1, Integer::sum);
            }
            offenders.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey())).limit(TOP)
                    .forEach(e -> out.printf("  %-40s %5d%n", e.getKey(), e.getValue()));
        }
        out.println();
        long seen = r.coverage().stream().filter(RuleCoverage::seen).count();
        List<String> unseen = r.coverage().stream().filter(c -> !c.seen())
                .map(c -> c.ruleId() + (c.enabled() ? "" : " (off)")).toList();
        out.println("Coverage: " + seen + " of " + r.coverage().size() + " rules seen"
                + (unseen.isEmpty() ? "" : "; never seen: " + String.join(", ", unseen)));
        if (!r.requirements().isEmpty()) {
            Map<String, List<String>> byStatus = new TreeMap<>(Comparator.naturalOrder());
            for (RequirementStatus q : r.requirements()) {
                byStatus.computeIfAbsent(q.status().label(), k -> new ArrayList<>()).add(q.id());
            }
            List<String> parts = new ArrayList<>();
            byStatus.forEach((k, v) -> parts.add(k + ": " + String.join(" ", v)));
            out.println("Requirements: " + String.join("; ", parts));
        }
        out.flush();
    }

    private static String counts(int[] n) {
        List<String> parts = new ArrayList<>();
        if (n[0] > 0) {
            parts.add(n[0] + " " + Severity.ERROR.label());
        }
        if (n[1] > 0) {
            parts.add(n[1] + " " + Severity.WARNING.label());
        }
        if (n[2] > 0) {
            parts.add(n[2] + " " + Severity.INFO.label());
        }
        return "(" + String.join(", ", parts) + ")";
    }

    /** The address that opened the violating flow: a client, a peer, or an Edge node doing what it should not. */
    private static String offender(Violation v) {
        return v.origAddr();
    }
}

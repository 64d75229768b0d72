package io.edgeaudit.report.history;

import io.edgeaudit.verdict.Violation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * This run's findings against the previous run's: new (not reported last time), persisting (reported
 * both times; keeps the run it was first seen in) and resolved (reported last time, not now).
 * Each list is sorted by key text, so the same inputs give the same report. Immutable.
 */
public record HistoryDiff(List<StoredFinding> added, List<StoredFinding> persisting, List<StoredFinding> resolved) {
    private static final Comparator<StoredFinding> BY_KEY = Comparator.comparing(f -> f.key().text());

    public HistoryDiff {
        added = List.copyOf(added);
        persisting = List.copyOf(persisting);
        resolved = List.copyOf(resolved);
    }

    /** Counts the violations of this run by {@link FindingKey}. */
    public static Map<FindingKey, Integer> count(List<Violation> violations) {
        Map<FindingKey, Integer> counts = new LinkedHashMap<>();
        for (Violation v : violations) {
            counts.merge(FindingKey.of(v), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * @param previous the previous run's findings (empty for the first run)
     * @param current  this run's counts by key
     * @param runId    this run's id, the first-seen run of new findings
     */
    public static HistoryDiff compare(List<StoredFinding> previous, Map<FindingKey, Integer> current, String runId) {
        Map<FindingKey, StoredFinding> before = new TreeMap<>(Comparator.comparing(FindingKey::text));
        for (StoredFinding f : previous) {
            before.put(f.key(), f);
        }
        List<StoredFinding> added = new ArrayList<>();
        List<StoredFinding> persisting = new ArrayList<>();
        for (Map.Entry<FindingKey, Integer> e : current.entrySet()) {
            StoredFinding old = before.remove(e.getKey());
            if (old == null) {
                added.add(new StoredFinding(e.getKey(), e.getValue(), runId));
            } else {
                persisting.add(new StoredFinding(e.getKey(), e.getValue(), old.firstSeen()));
            }
        }
        added.sort(BY_KEY);
        persisting.sort(BY_KEY);
        return new HistoryDiff(added, persisting, new ArrayList<>(before.values()));
    }

    /** What this run stores: its new and persisting findings. */
    public List<StoredFinding> current() {
        List<StoredFinding> all = new ArrayList<>(added);
        all.addAll(persisting);
        all.sort(BY_KEY);
        return all;
    }
}

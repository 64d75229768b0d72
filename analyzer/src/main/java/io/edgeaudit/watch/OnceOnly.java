package io.edgeaudit.watch;

import io.edgeaudit.verdict.Violation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a violation is new, so each is printed and journaled once. A flow is classified
 * when it ends and also at each window boundary while it lives (so an hour-long call is reported
 * within its window, not when it hangs up). A finding's key is the flow's uid (unique within a run;
 * a flow split by an inactivity timeout is a new flow with a new uid), its kind and its rule id.
 * Only flows reported while still live are remembered, and only until they end, so memory follows
 * the long-lived flows, not the run.
 */
final class OnceOnly {
    private final Map<String, Set<String>> reportedWhileLive = new HashMap<>();

    /** A live flow classified at a window boundary: true the first time this finding appears. */
    boolean newWhileLive(Violation v) {
        return reportedWhileLive.computeIfAbsent(v.flowUid(), k -> new HashSet<>()).add(key(v));
    }

    /** An ended flow's final classification: true unless it was already reported while live. */
    boolean newAtEnd(Violation v) {
        Set<String> s = reportedWhileLive.get(v.flowUid());
        return s == null || !s.contains(key(v));
    }

    /** The flow ended and had its final classification: its findings cannot come again. */
    void ended(String flowUid) {
        reportedWhileLive.remove(flowUid);
    }

    /** Flows currently remembered. */
    int size() {
        return reportedWhileLive.size();
    }

    private static String key(Violation v) {
        return v.kind().name() + "\u0000" + v.ruleId();
    }
}

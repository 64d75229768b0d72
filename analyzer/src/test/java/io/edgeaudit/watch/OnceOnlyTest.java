package io.edgeaudit.watch;

import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnceOnlyTest {

    private static Violation v(String flow, ViolationKind kind, String rule, Severity severity) {
        return new Violation(kind, severity, flow, "tcp", "203.0.113.5", 40000, "198.51.100.21", 3389, "external",
                rule, "", "", null, "");
    }

    @Test
    void aFindingReportedWhileLiveIsNotReportedAgainAtTheEnd() {
        OnceOnly once = new OnceOnly();
        assertTrue(once.newWhileLive(v("F1", ViolationKind.UNEXPECTED_PORT, "EN-01", Severity.INFO)));
        assertFalse(once.newWhileLive(v("F1", ViolationKind.UNEXPECTED_PORT, "EN-01", Severity.INFO)));
        // the final judgement may raise the severity (the TCP state is known only at the end): same finding
        assertFalse(once.newAtEnd(v("F1", ViolationKind.UNEXPECTED_PORT, "EN-01", Severity.WARNING)));
    }

    @Test
    void anotherKindOrRuleOrFlowIsNew() {
        OnceOnly once = new OnceOnly();
        once.newWhileLive(v("F1", ViolationKind.UNEXPECTED_PORT, "EN-01", Severity.INFO));
        assertTrue(once.newAtEnd(v("F1", ViolationKind.WRONG_INTERFACE, "EN-01", Severity.ERROR)));
        assertTrue(once.newAtEnd(v("F1", ViolationKind.UNEXPECTED_PORT, "EN-02", Severity.INFO)));
        assertTrue(once.newAtEnd(v("F2", ViolationKind.UNEXPECTED_PORT, "EN-01", Severity.INFO)),
                "a flow split by a timeout has a new uid and is a new flow");
    }

    @Test
    void anEndedFlowIsForgotten() {
        OnceOnly once = new OnceOnly();
        once.newWhileLive(v("F1", ViolationKind.UNEXPECTED_PORT, "EN-01", Severity.INFO));
        assertEquals(1, once.size());
        once.ended("F1");
        assertEquals(0, once.size(), "memory follows the live flows");
    }
}

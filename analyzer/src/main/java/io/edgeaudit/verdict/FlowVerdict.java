package io.edgeaudit.verdict;

import io.edgeaudit.flow.Flow;

import java.util.List;

/**
 * How one flow was judged. Immutable once built (the {@link Flow} has ended and is never changed).
 *
 * @param flow           the flow
 * @param status         allowed, violation, or out of scope (no Edge address on either side)
 * @param iface          "external", "internal" or "unknown"
 * @param ifaceSource    how the interface was decided: "capture-point" (a capture point named in the
 *                       topology or with {@code --capture-point}), "addresses" (the Edge address in the
 *                       flow), or "none"
 * @param vantage        where the capture sat: "node:NAME", "hlb" (outside the load balancer) or
 *                       "unknown" (judged as outside the load balancer)
 * @param ruleId         the rule that allowed it, or the nearest rule of its first violation; "" when none
 * @param ruleRef        table#row of {@code ruleId}, or ""
 * @param orientation    "observed", or "reversed" when the direction was inferred and the flow matched
 *                       only with originator and responder swapped
 * @param attemptOnly    true when no answer came (TCP S0/REJ, unanswered UDP, ICMP refusal)
 * @param violationKinds the kinds of this flow's violations, in report order; empty unless status is VIOLATION
 */
public record FlowVerdict(Flow flow, Status status, String iface, String ifaceSource, String vantage,
                          String ruleId, String ruleRef, String orientation, boolean attemptOnly,
                          List<ViolationKind> violationKinds) {

    public FlowVerdict {
        violationKinds = List.copyOf(violationKinds);
    }

    /** Closed set; {@link #label()} is the text in every output. */
    public enum Status {
        ALLOWED("allowed"), VIOLATION("violation"), OUT_OF_SCOPE("out-of-scope");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean inScope() {
        return status != Status.OUT_OF_SCOPE;
    }

    /** The same verdict, marked as violating with {@code more} kinds added (for checks that run later, e.g. A/V). */
    public FlowVerdict withViolations(List<ViolationKind> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<ViolationKind> all = new java.util.ArrayList<>(violationKinds);
        for (ViolationKind k : more) {
            if (!all.contains(k)) {
                all.add(k);
            }
        }
        return new FlowVerdict(flow, Status.VIOLATION, iface, ifaceSource, vantage, ruleId, ruleRef, orientation,
                attemptOnly, all);
    }
}

package io.edgeaudit.verdict;

import java.util.List;

/**
 * The judgement of one flow: its verdict and its findings. Immutable.
 *
 * @param allowedRuleId the rule that allowed the flow's traffic (also when a location finding makes
 *                      the flow a violation), or null
 */
public record Classification(FlowVerdict verdict, List<Violation> violations, String allowedRuleId) {

    public Classification {
        violations = List.copyOf(violations);
    }
}

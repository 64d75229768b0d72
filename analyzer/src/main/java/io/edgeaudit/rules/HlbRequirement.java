package io.edgeaudit.rules;

import java.util.List;

/**
 * One load balancer requirement and how edgeaudit enforces it. Immutable.
 *
 * @param id       e.g. "HLB-2"
 * @param source   where it is stated, e.g. "[HLB-PS] requirement 2"
 * @param text     the requirement in English
 * @param checks   violation kind names or rule ids that enforce it; empty when not observable
 * @param reason   how the checks enforce it, or why a capture cannot show it
 */
public record HlbRequirement(String id, String source, String text, List<String> checks, String reason) {

    public HlbRequirement {
        checks = List.copyOf(checks);
    }

    public boolean observable() {
        return !checks.isEmpty();
    }

    /** "SNAT_ON_AV;AV_RESPONSE_SOURCE" or "not-observable". */
    public String checkId() {
        return checks.isEmpty() ? "not-observable" : String.join(";", checks);
    }
}

package io.edgeaudit.verdict;

/**
 * The headline numbers of a run; every count is derived from the {@link AuditResult} it belongs to.
 * Immutable.
 *
 * @param files          inputs given
 * @param packets        frames read, all inputs
 * @param bytes          captured bytes of those frames
 * @param flows          flows rebuilt
 * @param inScopeFlows   flows with an Edge address (node or VIP) on either side
 * @param violations     findings, all severities ({@code errors + warnings + infos})
 * @param failOn         the lowest severity that makes the run non-compliant
 * @param compliant      true when no finding is at or above {@code failOn}
 * @param partial        true when an input was not read to its end: the results cover what could be read
 */
public record AuditSummary(int files, long packets, long bytes, long flows, long inScopeFlows, long outOfScopeFlows,
                           long allowedFlows, long violatingFlows, int violations, int errors, int warnings,
                           int infos, Severity failOn, boolean compliant, boolean partial) {

    /** "compliant", "violations", or "partial" when an input was cut short and nothing failed. */
    public String status() {
        if (!compliant) {
            return "violations";
        }
        return partial ? "partial" : "compliant";
    }

    /** One sentence for a console or a page heading. */
    public String headline() {
        return headline(true);
    }

    /**
     * One sentence for a console or a page heading.
     *
     * @param flowsClassified false for a run of the A/V checks alone ({@code edgeaudit av}): its
     *                        findings are counted in the A/V exchanges, not on flows it never classified
     */
    public String headline(boolean flowsClassified) {
        String scope = flowsClassified ? "; " + inScopeFlows + " of " + flows + " flows touch the Edge"
                : " in the A/V exchanges";
        String cut = partial ? " (partial: an input was cut short)" : "";
        if (violations == 0) {
            return "COMPLIANT: no violations" + scope + cut;
        }
        String counts = violations + " violation" + (violations == 1 ? "" : "s") + " (" + errors + " error, "
                + warnings + " warning, " + infos + " info)"
                + (flowsClassified ? " on " + violatingFlows + " flow" + (violatingFlows == 1 ? "" : "s") : "");
        return (compliant ? "COMPLIANT at --fail-on " + failOn.label() + ": " : "NOT COMPLIANT: ") + counts + scope + cut;
    }
}

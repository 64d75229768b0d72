package io.edgeaudit.verdict;

/**
 * One HLB requirement of the seed and what this run can say about it. Immutable.
 *
 * @param id      e.g. "HLB-2"
 * @param text    the requirement in English, as the source states it
 * @param checkId the check that enforces it (a violation kind or rule id), or "not-observable"
 * @param status  pass, fail, not exercised (the capture has no traffic the check looks at) or not observable
 * @param detail  one sentence: the violations that failed it, what was checked, or why a capture cannot show it
 */
public record RequirementStatus(String id, String text, String checkId, Status status, String detail) {

    /** Closed set; {@link #label()} is the text in every output. */
    public enum Status {
        PASS("pass"), FAIL("fail"), NOT_EXERCISED("not exercised"), NOT_OBSERVABLE("not observable");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}

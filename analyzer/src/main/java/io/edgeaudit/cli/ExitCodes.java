package io.edgeaudit.cli;

/** The exit codes every command uses, documented in the README. */
public final class ExitCodes {
    /** Compliant, or the job finished with nothing at or above --fail-on. */
    public static final int OK = 0;
    /** Violations at or above --fail-on. */
    public static final int VIOLATIONS = 1;
    /** Input or usage error (including a partially read capture). */
    public static final int INPUT_ERROR = 2;
    /** An internal error: a bug in edgeaudit. */
    public static final int INTERNAL_ERROR = 3;

    private ExitCodes() {
    }
}

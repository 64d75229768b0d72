package io.edgeaudit.rules;

/**
 * A rule pack that cannot be used. The message is one line: {@code FILE:LINE:COLUMN: what (expected: ...)};
 * line and column are 1-based, 0 when the problem has no place.
 */
public final class RulePackException extends RuntimeException {
    private final int line;
    private final int column;

    public RulePackException(String file, int line, int column, String message) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}

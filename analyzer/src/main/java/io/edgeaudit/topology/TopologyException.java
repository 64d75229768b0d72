package io.edgeaudit.topology;

/**
 * A topology file that cannot be used. The message is one line: {@code FILE:LINE:COLUMN: what (expected: ...)};
 * line and column are 1-based, 0 when the problem has no place (an unreadable file).
 */
public final class TopologyException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;

    public TopologyException(String file, int line, int column, String message) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}

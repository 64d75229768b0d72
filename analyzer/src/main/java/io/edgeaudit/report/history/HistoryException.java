package io.edgeaudit.report.history;

/** The history database could not be read or written; the message is one line naming the file or run. */
public final class HistoryException extends RuntimeException {
    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}

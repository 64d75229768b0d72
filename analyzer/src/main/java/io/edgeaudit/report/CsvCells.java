package io.edgeaudit.report;

/**
 * Makes text safe for a CSV cell a spreadsheet will open (issue 7 item 5, OWASP "CSV injection"): a
 * cell that starts with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, so it
 * is shown as text and never evaluated as a formula. Numbers are written as numbers and not passed
 * here.
 */
public final class CsvCells {
    private CsvCells() {
    }

    /** {@code text} with a leading {@code '} when it starts like a formula; "" for null. */
    public static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
    }
}

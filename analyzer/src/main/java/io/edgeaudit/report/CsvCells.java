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
        return startsLikeFormula(text) ? "'" + text : text;
    }

    /** True when a spreadsheet could take {@code text} for a formula: it starts with = + - @, a tab or a CR. */
    public static boolean startsLikeFormula(CharSequence text) {
        if (text.length() == 0) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}

package io.edgeaudit.report;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.FlowSink;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.Closeable;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes each flow as a CSV row as it ends (RFC 4180, header first, "\n" line ends); nothing is held
 * back. Columns: {@link FlowFields#COLUMNS}. Lists are joined with ';', absent values are empty.
 * Write failures surface as {@link UncheckedIOException} from {@link #flowEnded}.
 */
public final class FlowCsvWriter implements FlowSink, Closeable {
    private final CSVPrinter printer;

    /** Writes to {@code out}, which {@link #close()} flushes but does not close. */
    public FlowCsvWriter(Writer out) throws IOException {
        this.printer = new CSVPrinter(new FilterWriter(out) {
            @Override
            public void close() throws IOException {
                flush();
            }
        }, CSVFormat.RFC4180.builder()
                .setRecordSeparator("\n")
                .setHeader(FlowFields.COLUMNS.toArray(new String[0]))
                .build());
    }

    @Override
    public void flowEnded(Flow flow) {
        Object[] row = FlowFields.values(flow);
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                row[i] = "";
            } else if (row[i] instanceof List<?> list) {
                row[i] = String.join(";", list.stream().map(Object::toString).toList());
            }
        }
        try {
            printer.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}

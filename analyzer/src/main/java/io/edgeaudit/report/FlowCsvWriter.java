package io.edgeaudit.report;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.FlowSink;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes each flow as a CSV row as it ends (RFC 4180, header first, "\n" line ends); nothing is held
 * back. Columns: {@link FlowFields#COLUMNS}. Lists are joined with ';', absent values are empty.
 * Text cells go through {@link CsvCells#safe} (issue 7): the interface name comes from the capture
 * (pcapng if_name) and the file names in first_packets from the command line, so either could start
 * like a formula. Integer and boolean columns are written raw: a spreadsheet reads "-5" as the number
 * it is, and raw integers keep the columns summable.
 * Write failures surface as {@link UncheckedIOException} from {@link #flowEnded}.
 */
public final class FlowCsvWriter implements FlowSink, Closeable {
    private final Writer out;
    /** Rows are formatted into this buffer by {@link #row} and written with one call. */
    private final StringBuilder line = new StringBuilder(512);
    private final CSVPrinter row;

    /** Writes to {@code out}, which {@link #close()} flushes but does not close. */
    public FlowCsvWriter(Writer out) throws IOException {
        this.out = out;
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").build();
        this.row = new CSVPrinter(line, format);
        row.printRecord(FlowFields.COLUMNS);
        flushLine();
    }

    @Override
    public void flowEnded(Flow flow) {
        Object[] values = FlowFields.values(flow);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                values[i] = "";
            } else if (values[i] instanceof String text) {
                values[i] = CsvCells.safe(text); // server_name comes from packets
            } else if (values[i] instanceof List<?> list) {
                StringBuilder joined = new StringBuilder(list.size() * 48);
                for (Object o : list) {
                    if (!joined.isEmpty()) {
                        joined.append(';');
                    }
                    joined.append(o);
                }
                values[i] = CsvCells.safe(joined.toString());
            } else if (values[i] instanceof String text) {
                values[i] = CsvCells.safe(text);
            }
        }
        try {
            row.printRecord(values);
            flushLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flushLine() throws IOException {
        out.append(line);
        line.setLength(0);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}

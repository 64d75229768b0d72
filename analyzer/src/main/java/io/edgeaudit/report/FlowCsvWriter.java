package io.edgeaudit.report;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.FlowSink;
import io.edgeaudit.flow.PacketRef;
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
 *
 * <p>A row is appended cell by cell to one reused buffer: numbers, timestamps and the cells whose
 * alphabet is ours (addresses, transport, VLANs, uid, conn_state) go in as characters, since none of
 * them can need quoting; text that comes from a capture or the command line is appended as it is when
 * it is {@link #isPlain plain}, and otherwise goes through Commons CSV's
 * {@link CSVFormat#print(Object, Appendable, boolean)}, which decides the quoting. The same rows as
 * formatting every cell through {@link CSVPrinter}, at a fraction of the cost: on the flows benchmark
 * (200 000 flows) that path took about 0.9 s of the run, from boxing and one String per cell.
 */
public final class FlowCsvWriter implements FlowSink, Closeable {
    /** The rows' format; package-private so that tests compare with the very format the writer uses. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").build();

    private final Writer out;
    /** The row being formatted, written with one call. */
    private final StringBuilder line = new StringBuilder(512);
    private char[] chars = new char[512];
    /** first_packets joined, before it is quoted into {@link #line}. */
    private final StringBuilder joined = new StringBuilder(256);
    /** One per column, so the two columns do not take turns evicting each other's cached second. */
    private final FlowFields.Rfc3339 firstTimes = new FlowFields.Rfc3339();
    private final FlowFields.Rfc3339 lastTimes = new FlowFields.Rfc3339();

    /** Writes to {@code out}, which {@link #close()} flushes but does not close. */
    public FlowCsvWriter(Writer out) throws IOException {
        this.out = out;
        try (CSVPrinter header = new CSVPrinter(line, FORMAT)) {
            header.printRecord(FlowFields.COLUMNS);
        }
        flushLine();
    }

    @Override
    public void flowEnded(Flow f) {
        StringBuilder b = line;
        try {
            firstTimes.appendTo(b, f.tsFirst());
            lastTimes.appendTo(b.append(','), f.tsLast());
            b.append(',').append(f.transportName());
            f.origAddr().appendTo(b.append(',')).append(',').append(f.origPort());
            f.respAddr().appendTo(b.append(',')).append(',').append(f.respPort());
            b.append(',');
            if (f.vlanCount() > 0) {
                b.append(f.outerVlan());
                if (f.vlanCount() > 1) {
                    b.append('.').append(f.innerVlan());
                }
            }
            text(f.interfaceName());
            b.append(',').append(f.orig().packets()).append(',').append(f.orig().frameBytes())
                    .append(',').append(f.orig().payloadBytes());
            b.append(',').append(f.resp().packets()).append(',').append(f.resp().frameBytes())
                    .append(',').append(f.resp().payloadBytes());
            b.append(',').append(f.connState());
            text(f.history());
            b.append(',').append(f.directionInferred());
            firstPackets(f.firstPackets());
            b.append(',').append(f.uid()).append(',').append(f.split());
            text(f.direction());
            text(f.icmpRefusal() == null ? null : f.icmpRefusal() + " " + f.icmpRefusalReason());
            b.append(',').append(f.partial());
            text(f.serverName()); // comes from packets
            b.append('\n');
            flushLine();
        } catch (IOException e) {
            line.setLength(0);
            throw new UncheckedIOException(e);
        }
    }

    /** A text cell: appended as it is when plain, else formula-neutralised ({@link CsvCells}) and quoted as Commons CSV decides. */
    private void text(CharSequence value) throws IOException {
        if (value == null || value.isEmpty()) {
            line.append(',');
        } else if (isPlain(value)) {
            line.append(',').append(value);
        } else {
            FORMAT.print(CsvCells.safe(value.toString()), line, false);
        }
    }

    /**
     * True when {@code cell} is letters, digits and {@code . _ : ^ / ;}, with {@code - + # @ =} allowed
     * after the first character: such a cell needs no formula guard, and Commons CSV's minimal
     * quoting leaves it as it is (it quotes a cell that starts at or below '#', or holds a comma, a
     * quote or a line break), so it is appended directly. Everything else goes through
     * {@link CSVFormat#print}. Most cells are plain (histories, file names), and the library's
     * quoting path was a good part of writing a row. FlowWritersTest checks the two agree.
     */
    static boolean isPlain(CharSequence cell) {
        int n = cell.length();
        for (int i = 0; i < n; i++) {
            char c = cell.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '^' || c == '/' || c == ';'
                    || (i > 0 && (c == '-' || c == '+' || c == '#' || c == '@' || c == '='));
            if (!plain) {
                return false;
            }
        }
        return n > 0;
    }

    private void firstPackets(List<PacketRef> refs) throws IOException {
        StringBuilder j = joined;
        j.setLength(0);
        for (PacketRef r : refs) {
            if (!j.isEmpty()) {
                j.append(';');
            }
            r.appendTo(j);
        }
        text(j);
    }

    /** Writes the row through a reused char array (Writer.append would copy it into a new String). */
    private void flushLine() throws IOException {
        int n = line.length();
        if (n > chars.length) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        line.getChars(0, n, chars, 0);
        out.write(chars, 0, n);
        line.setLength(0);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}

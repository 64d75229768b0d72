package io.edgeaudit.report;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.FlowSink;
import io.edgeaudit.flow.PacketRef;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes each flow as a CSV row as it ends (RFC 4180, header first, "\n" line ends, UTF-8); nothing is
 * held back but the bytes of the rows not yet handed to the stream. Columns: {@link FlowFields#COLUMNS}.
 * Lists are joined with ';', absent values are empty.
 * Text cells go through {@link CsvCells#safe} (issue 7): the interface name comes from the capture
 * (pcapng if_name) and the file names in first_packets from the command line, so either could start
 * like a formula. Integer and boolean columns are written raw: a spreadsheet reads "-5" as the number
 * it is, and raw integers keep the columns summable.
 * Write failures surface as {@link UncheckedIOException} from {@link #flowEnded}.
 *
 * <p>Rows are formatted as bytes into one reused {@link RowBytes}, and handed to the stream once
 * {@link #FLUSH_BYTES} are waiting, and by {@link #close()}: always whole rows, so each write holds
 * whole UTF-8 sequences. Numbers, timestamps and the cells whose alphabet is ours (addresses,
 * transport, VLANs, uid, conn_state) go in as ASCII, since none of them can need quoting; text that
 * comes from a capture or the command line goes in as it is when it is {@link #isPlain plain}, and
 * otherwise through Commons CSV's {@link CSVFormat#print(Object, Appendable, boolean)}, which decides
 * the quoting. The same rows as formatting every cell through {@link CSVPrinter} and a Writer, at a
 * fraction of the cost.
 */
public final class FlowCsvWriter implements FlowSink, Closeable {
    /** The rows' format; package-private so that tests compare with the very format the writer uses. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").build();
    /** Bytes of finished rows that are waiting when they are handed to the stream. */
    static final int FLUSH_BYTES = 1 << 16;

    private final OutputStream out;
    private final RowBytes rows = new RowBytes(FLUSH_BYTES + 1024);
    /** first_packets joined, and a cell being quoted, before they go into {@link #rows}. */
    private final StringBuilder joined = new StringBuilder(256);
    private final StringBuilder quoted = new StringBuilder(256);
    private String lastFile;
    private byte[] lastFileBytes;
    /** One per column, so the two columns do not take turns evicting each other's cached second. */
    private final FlowFields.Rfc3339 firstTimes = new FlowFields.Rfc3339();
    private final FlowFields.Rfc3339 lastTimes = new FlowFields.Rfc3339();

    /** Writes to {@code out}, which {@link #close()} flushes but does not close. */
    public FlowCsvWriter(OutputStream out) throws IOException {
        this.out = out;
        StringBuilder header = new StringBuilder(512);
        try (CSVPrinter p = new CSVPrinter(header, FORMAT)) {
            p.printRecord(FlowFields.COLUMNS);
        }
        rows.putUtf8(header);
    }

    @Override
    public void flowEnded(Flow f) {
        RowBytes b = rows;
        int rowStart = b.length();
        try {
            firstTimes.appendTo(b, f.tsFirst());
            lastTimes.appendTo(b.put(','), f.tsLast());
            b.put(',').putAscii(f.transportName());
            b.put(',').put(f.origAddr()).put(',').put(f.origPort());
            b.put(',').put(f.respAddr()).put(',').put(f.respPort());
            b.put(',');
            if (f.vlanCount() > 0) {
                b.put(f.outerVlan());
                if (f.vlanCount() > 1) {
                    b.put('.').put(f.innerVlan());
                }
            }
            text(f.interfaceName());
            b.put(',').put(f.orig().packets()).put(',').put(f.orig().frameBytes())
                    .put(',').put(f.orig().payloadBytes());
            b.put(',').put(f.resp().packets()).put(',').put(f.resp().frameBytes())
                    .put(',').put(f.resp().payloadBytes());
            b.put(',').putAscii(f.connState());
            text(f.history());
            b.put(',').put(f.directionInferred());
            firstPackets(f.firstPackets());
            b.put(',').putAscii(f.uid()).put(',').put(f.split());
            text(f.direction());
            text(f.icmpRefusal() == null ? null : f.icmpRefusal() + " " + f.icmpRefusalReason());
            b.put(',').put(f.partial());
            text(f.serverName()); // comes from packets
            b.put('\n');
        } catch (IOException e) {
            b.truncate(rowStart);
            throw new UncheckedIOException(e);
        }
        if (b.length() >= FLUSH_BYTES) {
            try {
                b.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A text cell: appended as it is when {@link #isPlain plain}, else formula-neutralised ({@link CsvCells})
     * and quoted as Commons CSV decides.
     */
    private void text(CharSequence value) throws IOException {
        RowBytes b = rows;
        b.put(',');
        if (value == null || value.isEmpty()) {
            return;
        }
        int start = b.length();
        b.putAscii(value);
        if (!isPlain(b, start)) {
            b.truncate(start - 1);
            quote(value);
        }
    }

    private void quote(CharSequence value) throws IOException {
        quoted.setLength(0);
        FORMAT.print(CsvCells.safe(value.toString()), quoted, false);
        rows.putUtf8(quoted);
    }

    /**
     * True when the bytes of {@code row} from {@code from} on, as {@link RowBytes#putAscii} wrote them,
     * are a plain cell: letters, digits and {@code . _ : ^ / ;}, with {@code - + # @ =} allowed after the
     * first character. Such a cell needs no formula guard, and Commons CSV's minimal quoting leaves it as
     * it is (it quotes a cell that starts at or below '#', or holds a comma, a quote or a line break),
     * so it is written directly. Everything else (non-ASCII text included) goes through
     * {@link CSVFormat#print}. Most cells are plain (histories, file names), and the library's quoting
     * path was a good part of writing a row. FlowWritersTest checks the two agree.
     */
    static boolean isPlain(RowBytes row, int from) {
        int end = row.length();
        for (int i = from; i < end; i++) {
            int c = row.byteAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '^' || c == '/' || c == ';'
                    || (i > from && (c == '-' || c == '+' || c == '#' || c == '@' || c == '='));
            if (!plain) {
                return false;
            }
        }
        return end > from;
    }

    /**
     * "file#n;file#n...": written straight into the row from the file name's cached bytes, and
     * checked; rewritten through {@link #quote} when not plain.
     */
    private void firstPackets(List<PacketRef> refs) throws IOException {
        RowBytes b = rows;
        b.put(',');
        int start = b.length();
        int n = refs.size();
        for (int i = 0; i < n; i++) {
            PacketRef r = refs.get(i);
            if (i > 0) {
                b.put(';');
            }
            b.put(fileName(r.file())).put('#').put(r.packetNumber());
        }
        if (n > 0 && !isPlain(b, start)) {
            b.truncate(start - 1);
            StringBuilder j = joined;
            j.setLength(0);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    j.append(';');
                }
                refs.get(i).appendTo(j);
            }
            quote(j); // the same characters were just found not plain
        }
    }

    /** {@link RowBytes#ascii} of {@code file}, kept while the rows name the same file (nearly always). */
    private byte[] fileName(String file) {
        if (!file.equals(lastFile)) {
            lastFile = file;
            lastFileBytes = RowBytes.ascii(file);
        }
        return lastFileBytes;
    }

    /** Hands the rows still waiting to the stream and flushes it. */
    @Override
    public void close() throws IOException {
        rows.writeTo(out);
        out.flush();
    }
}

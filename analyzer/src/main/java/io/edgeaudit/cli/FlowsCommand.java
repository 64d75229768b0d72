package io.edgeaudit.cli;

import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.flow.FlowConfig;
import io.edgeaudit.flow.FlowTable;
import io.edgeaudit.inspect.tls.ServerNameObserver;
import io.edgeaudit.pipeline.Inputs;
import io.edgeaudit.pipeline.Pipeline;
import io.edgeaudit.pipeline.RunSummary;
import io.edgeaudit.report.FlowCsvWriter;
import io.edgeaudit.report.FlowJsonWriter;
import io.edgeaudit.report.WriterThread;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code edgeaudit flows CAPTURE...}: the bidirectional flow table of one or more captures, as CSV
 * or JSON, written while the captures are read. A summary per input goes to stderr.
 */
@Command(name = "flows", mixinStandardHelpOptions = true,
        description = {"Rebuild bidirectional flows (Zeek-style orig/resp, conn_state, history) from captures "
                + "and write them as CSV or JSON. Several files are read as one merged, time-ordered input "
                + "(e.g. a rotated set)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all inputs read", "2:an input could not be read to its end (the flows are written, "
                + "marked partial) or a usage error", "3:internal error"})
public final class FlowsCommand implements Callable<Integer> {
    enum Format { csv, json }

    enum ReaderKind { ours, libpcap }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CAPTURE", description = "pcap or pcapng files (gzip allowed)")
    List<Path> captures;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json (default ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the flows here instead of stdout")
    Path output;

    @Option(names = "--reader", defaultValue = "ours",
            description = "ours (default) or libpcap (pcap4j; to cross-check our reader)")
    ReaderKind reader;

    @Option(names = "--tcp-timeout", defaultValue = "5m", converter = DurationConverter.class,
            description = "TCP inactivity timeout (default ${DEFAULT-VALUE})")
    Duration tcpTimeout;

    @Option(names = "--udp-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "UDP inactivity timeout (default ${DEFAULT-VALUE})")
    Duration udpTimeout;

    @Option(names = "--other-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "ICMP and other transports (default ${DEFAULT-VALUE})")
    Duration otherTimeout;

    @Option(names = "--server-ports", split = ",", paramLabel = "PORT",
            description = "more ports (TCP and UDP) taken as the responder's when no SYN shows who opened a flow")
    List<Integer> serverPorts = List.of();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(err);
        } catch (RuntimeException | Error e) {
            err.println("flows: internal error: " + e);
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    private int run(PrintWriter err) {
        FlowConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            err.println("flows: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        CaptureSource source;
        try {
            source = Inputs.open(captures, reader == ReaderKind.libpcap, note -> err.println("flows: note: " + note));
        } catch (IOException e) {
            err.println("flows: cannot list inputs: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        RunSummary summary;
        try (source; Output out = open()) {
            FlowTable table = new FlowTable(config, out.sink(), List.of(new ServerNameObserver()));
            summary = new Pipeline(Inputs.decoder(), table).run(source, null);
        } catch (UncheckedIOException e) {
            err.println("flows: cannot write " + where() + ": " + e.getCause().getMessage());
            return ExitCodes.INPUT_ERROR;
        } catch (IOException e) {
            err.println("flows: cannot write " + where() + ": " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        printSummary(err, summary);
        err.flush();
        return summary.partial() ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
    }

    private FlowConfig config() {
        BitSet extra = new BitSet(65536);
        for (int p : serverPorts) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("--server-ports: " + p + " is not a port (expected: 1..65535)");
            }
            extra.set(p);
        }
        return FlowConfig.defaults().withTimeouts(tcpTimeout, udpTimeout, otherTimeout).withServerPorts(extra, extra);
    }

    private String where() {
        return output == null ? "stdout" : output.toString();
    }

    /**
     * The flow writer, the thread it runs on, and the file under it; closing waits for the writer
     * thread, then the writer ends the document and flushes. With {@code -o FILE} the output goes to
     * {@code tmp} in FILE's folder, renamed over FILE once complete (issue 7: a reader sees the old file
     * or the whole new one); {@code file} and {@code tmp} are null for stdout.
     */
    private record Output(WriterThread sink, Closeable writer, Closeable file, Path tmp, Path target)
            implements Closeable {
        @Override
        public void close() throws IOException {
            try {
                try {
                    try {
                        sink.close();
                    } finally {
                        writer.close();
                    }
                } finally {
                    if (file != null) {
                        file.close();
                    }
                }
                if (tmp != null) {
                    try {
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } finally {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }

    private Output open() throws IOException {
        Path tmp = null;
        Path target = null;
        OutputStream file = null;
        if (output != null) {
            target = output.toAbsolutePath().normalize();
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            file = Files.newOutputStream(tmp);
        }
        if (format == Format.json) {
            Writer text = file == null ? spec.commandLine().getOut()
                    : new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8));
            FlowJsonWriter w = new FlowJsonWriter(text);
            return new Output(new WriterThread(w, "flows-writer"), w, file, tmp, target);
        }
        // the CSV writer buffers whole rows itself, so the file needs no buffer of its own
        FlowCsvWriter w = new FlowCsvWriter(file == null ? new RowsToWriter(spec.commandLine().getOut()) : file);
        return new Output(new WriterThread(w, "flows-writer"), w, file, tmp, target);
    }

    /**
     * CSV rows to picocli's stdout Writer (which tests replace). Every write is a run of whole rows
     * ({@link FlowCsvWriter} writes no other way), so each holds whole UTF-8 sequences and decodes alone.
     */
    private static final class RowsToWriter extends OutputStream {
        private final Writer out;

        RowsToWriter(Writer out) {
            this.out = out;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    static void printSummary(PrintWriter err, RunSummary s) {
        for (RunSummary.FileSummary f : s.files()) {
            err.printf("flows: %s: %s, sha256 %s, %d packets, %d flows started%n", f.name(), f.format(),
                    f.sha256() == null ? "-" : f.sha256(), f.packets(), f.flowsStarted());
            for (Anomalies.Entry a : f.anomalies()) {
                Anomalies.Occurrence o = a.first();
                err.printf("flows: %s: anomaly %s: %d (first: %s)%n", f.name(), a.name(), a.count(),
                        o == null ? "-" : "packet " + o.packetNumber() + " at byte offset " + o.byteOffset());
            }
            if (f.error() != null) {
                err.println("flows: PARTIAL: " + f.error());
            }
        }
        // run totals, where several files add up (and anomalies no file is known for)
        for (Anomalies.Entry a : s.anomalies()) {
            Anomalies.Occurrence o = a.first();
            err.printf("flows: anomaly %s: %d in all (first: %s)%n", a.name(), a.count(),
                    o == null ? "-" : o.file() + " packet " + o.packetNumber() + " at byte offset " + o.byteOffset());
        }
        if (s.error() != null) {
            err.println("flows: PARTIAL: " + s.error());
        }
        err.printf("flows: total: %d files, %d packets, %d flows, %d packets without a flow%s%n", s.files().size(),
                s.packets(), s.flows(), s.packetsWithoutFlow(), s.partial() ? ", PARTIAL" : "");
    }
}

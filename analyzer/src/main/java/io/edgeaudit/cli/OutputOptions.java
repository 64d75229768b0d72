package io.edgeaudit.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code --quiet} and {@code --verbose}, shared by every command that analyses captures
 * ({@code @Mixin OutputOptions output;}). Quiet wins over verbose. The progress bar is drawn only when
 * the process has a terminal ({@link System#console()} is not null) and the run is not quiet, so cron,
 * systemd and pipes get no carriage returns in their logs.
 */
public final class OutputOptions {
    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors (no summary, no progress bar).")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print more detail (report: each new and resolved finding). Repeatable.")
    boolean[] verbose = new boolean[0];

    public boolean quiet() {
        return quiet;
    }

    /** 0 normal, 1 for -v, 2 for -vv; 0 when quiet. */
    public int verbosity() {
        return quiet ? 0 : verbose.length;
    }

    /** True when the progress bar should be drawn. */
    public boolean showProgress() {
        return !quiet && System.console() != null;
    }

    /**
     * A progress bar on {@code err} for inputs of the given sizes (bytes, in input order), or one that
     * draws nothing when {@link #showProgress()} is false.
     */
    public ProgressBar progress(PrintWriter err, List<Long> inputSizes) {
        return showProgress() ? new ProgressBar(err, inputSizes, System::nanoTime) : ProgressBar.silent();
    }
}

package io.edgeaudit.cli;

import io.edgeaudit.gen.BenchGenerator;
import io.edgeaudit.gen.CaptureGenerator;
import io.edgeaudit.gen.FlowScript;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/** {@code edgeaudit generate}: synthetic captures for samples, tests and benchmarks. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a synthetic capture from a flow script (samples/README.md), or a large "
                + "mixed capture for benchmarks with --bench."})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Parameters(paramLabel = "SCRIPT", description = "flow script (.flows)")
        Path script;

        @Option(names = "--bench", description = "write a benchmark capture instead of a script's")
        boolean bench;
    }

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "capture to write")
    Path output;

    @Option(names = "--flows", defaultValue = "200000", description = "with --bench: flows (default ${DEFAULT-VALUE})")
    long flows;

    @Option(names = "--packets", defaultValue = "10000000",
            description = "with --bench: packets (default ${DEFAULT-VALUE})")
    long packets;

    @Override
    public Integer call() {
        Path tmp = null;
        try {
            FlowScript script = source.bench ? null : FlowScript.parse(source.script);
            Path dir = output.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".generate-", ".tmp");
            long n;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                n = script == null ? BenchGenerator.write(flows, packets, out) : CaptureGenerator.write(script, out);
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine().getErr().println("generate: wrote " + n + " packets to " + output);
            return ExitCodes.OK;
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("generate: no such file: " + e.getFile());
            return ExitCodes.INPUT_ERROR;
        } catch (IllegalArgumentException | IOException e) {
            spec.commandLine().getErr().println("generate: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file sits next to the output
                }
            }
        }
    }
}

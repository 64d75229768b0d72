package io.edgeaudit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: one subcommand per job. */
@Command(name = "edgeaudit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Packet-capture compliance analyzer for Lync Server 2013 / Skype for Business Edge perimeters.",
        subcommands = {AnalyzeCommand.class, AvCommand.class, FlowsCommand.class, GenerateCommand.class,
                TopologyCommand.class, InterfacesCommand.class, WatchCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:compliant (nothing at or above --fail-on)",
                "1:violations at or above --fail-on",
                "2:input or usage error; partial results were still written",
                "3:internal error"})
public final class EdgeAuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, as {@link Main} and tests use it. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new EdgeAuditCommand());
        cl.setExitCodeExceptionMapper(t -> ExitCodes.INTERNAL_ERROR);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("edgeaudit: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.INPUT_ERROR;
        });
        return cl;
    }
}

package io.edgeaudit.cli;

import io.edgeaudit.topology.EdgeAddress;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.topology.TopologyCheck;
import io.edgeaudit.topology.TopologyException;
import io.edgeaudit.topology.TopologyFinding;
import io.edgeaudit.topology.TopologyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code edgeaudit topology}: work with topology files. */
@Command(name = "topology", mixinStandardHelpOptions = true,
        description = "Work with topology files (the deployment: nodes, VIPs, internal servers, capture points).",
        subcommands = {TopologyCommand.Check.class})
public final class TopologyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code edgeaudit topology check FILE}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check a topology against the HLB model: public external addresses and VIPs, N+1 "
                    + "public addresses (3 VIPs + 3 per node), duplicates, internal addresses apart from external "
                    + "networks, and an address for every role an enabled feature needs."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:consistent", "1:findings", "2:the file cannot be read or parsed"})
    public static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "topology YAML")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Topology t;
            try {
                t = TopologyLoader.load(file);
            } catch (TopologyException e) {
                err.println("edgeaudit: " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
            List<TopologyFinding> findings = TopologyCheck.check(t);
            long external = t.edgeAddresses().stream().filter(a -> a.iface() == io.edgeaudit.topology.Iface.EXTERNAL)
                    .map(EdgeAddress::address).distinct().count();
            out.println(t.name() + ": " + t.nodes().size() + " node" + (t.nodes().size() == 1 ? "" : "s") + ", "
                    + external + " external addresses, pack " + t.pack() + ", " + t.capturePoints().size()
                    + " capture point" + (t.capturePoints().size() == 1 ? "" : "s"));
            for (TopologyFinding f : findings) {
                out.println(f.format(file.toString()));
            }
            out.println(findings.isEmpty() ? "OK: consistent with the scaled consolidated Edge with hardware load balancers"
                    : findings.size() + " finding" + (findings.size() == 1 ? "" : "s"));
            out.flush();
            return findings.isEmpty() ? ExitCodes.OK : ExitCodes.VIOLATIONS;
        }
    }
}

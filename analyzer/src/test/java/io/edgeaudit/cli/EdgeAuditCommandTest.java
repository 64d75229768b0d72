package io.edgeaudit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeAuditCommandTest {
    private static final List<String> ALL = List.of("analyze", "av", "flows", "generate", "topology", "interfaces",
            "watch", "report", "help");

    @ParameterizedTest
    @ValueSource(strings = {"analyze", "av", "flows", "generate", "topology", "interfaces", "watch", "report"})
    void aNamedSubcommandAloneIsBuiltAndHelpsAsWithAllOfThem(String name) {
        CommandLine alone = EdgeAuditCommand.newCommandLine(new String[] {name, "--help"});
        assertEquals(Set.of(name), alone.getSubcommands().keySet());
        assertEquals(help(EdgeAuditCommand.newCommandLine(), name), help(alone, name));
    }

    @Test
    void withoutASubcommandNameEveryCommandIsThereInOrder() {
        for (String[] argv : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "flows"},
                new String[] {"flowz"})) {
            assertEquals(ALL, List.copyOf(EdgeAuditCommand.newCommandLine(argv).getSubcommands().keySet()));
        }
        CommandRun misspelt = CommandRun.of("flowz", "a.pcap");
        assertEquals(ExitCodes.INPUT_ERROR, misspelt.exit());
        assertTrue(misspelt.err().startsWith("edgeaudit: Unmatched arguments from index 0: 'flowz'"), misspelt.err());
        assertTrue(CommandRun.of("--help").out().contains("interfaces"), "root help lists every command");
    }

    private static String help(CommandLine root, String name) {
        StringWriter out = new StringWriter();
        root.setOut(new PrintWriter(out));
        root.execute(name, "--help");
        return out.toString();
    }
}

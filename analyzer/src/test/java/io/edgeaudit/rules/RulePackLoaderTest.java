package io.edgeaudit.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulePackLoaderTest {
    private static final Path REPO = Path.of(System.getProperty("edgeaudit.repo", ".."));

    private static final String HEADER = "id,table,row,transport,src_ports,dst_ports,source,destination,interface,target,nat,condition\n";
    /** Line 2 of a one-rule pack; tests break one cell. */
    private static final String ROW = "X-1,external-vip,1,tcp,any,5061,any,vip.access,external,vip,snat-allowed,\n";

    @Test
    void theSeedPackLoadsWithItsRequirements() {
        RulePack p = RulePackLoader.load("lync2013-edge-hlb", REPO.resolve("rules/lync2013-edge-hlb.csv"));
        assertEquals(33, p.rules().size());
        assertEquals(16, p.requirements().size());
        Rule en04 = p.rule("EN-04");
        assertEquals("relay", en04.srcPorts().toString());
        assertEquals("50000-59999", en04.srcPorts().describe());
        assertEquals("40000-49999", p.withRelayPorts(40000, 49999).rule("EN-04").srcPorts().describe());
        assertEquals("443", en04.dstPorts().toString());
        assertTrue(en04.edgeIsSource());
        assertEquals("A/V/RTP/TCP/50,000-59,999", en04.service());
        assertEquals("A/V/RTP/TCP/50,000-59,999", en04.serviceZh());
        assertEquals(5, en04.line());
        assertEquals(java.util.List.of("av", "ocs2007"), p.rule("EN-06").conditions());
        assertEquals(Nat.NO_SNAT, p.rule("EV-07").nat());
        assertEquals(Nat.SNAT_ALLOWED, p.rule("EV-04").nat());
        assertEquals("not-observable", p.requirements().stream().filter(h -> h.id().equals("HLB-9")).findFirst()
                .orElseThrow().checkId());
        // the seed's own note, in zh-TW, next to the English
        assertTrue(p.rule("IN-02").noteZh().contains("中央管理存放區"), p.rule("IN-02").noteZh());
    }

    @Test
    void theClsPortsAreThreeRulesOneForEachSeedRow() {
        RulePack p = RulePackLoader.load("lync2013-edge-hlb", REPO.resolve("rules/lync2013-edge-hlb.csv"));
        assertEquals("50001", p.rule("IN-06").dstPorts().toString());
        assertEquals("50002", p.rule("IN-07").dstPorts().toString());
        assertEquals("50003", p.rule("IN-08").dstPorts().toString());
    }

    @Test
    void aPackIsFoundByNameNextToTheTopologyThenInTheJar(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path topo = tmp.resolve("site/topologies/t.yaml");
        Files.createDirectories(topo.getParent());
        Files.createDirectories(tmp.resolve("site/rules"));
        Files.writeString(tmp.resolve("site/rules/mine.csv"), HEADER + ROW);
        RulePack mine = RulePackLoader.find("mine", topo);
        assertEquals(1, mine.rules().size());
        assertTrue(mine.location().endsWith("site/rules/mine.csv"), mine.location());
        // the seed's pack is found without a rules/ folder next to the topology
        RulePack seed = RulePackLoader.find("lync2013-edge-hlb", topo);
        assertEquals(33, seed.rules().size());
        RulePackException e = assertThrows(RulePackException.class, () -> RulePackLoader.find("nosuch", topo));
        assertTrue(e.getMessage().startsWith("nosuch: rule pack not found"), e.getMessage());
        assertThrows(RulePackException.class, () -> RulePackLoader.find("../../etc/passwd", topo));
    }

    @Test
    void aRunTakesThePackOptionBeforeTheTopologysAndAnOptionPathAsGiven(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path topo = tmp.resolve("site/topologies/t.yaml");
        Files.createDirectories(topo.getParent());
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("mine.csv"), HEADER + ROW);
        // no option: the topology's own pack
        assertEquals(33, RulePackLoader.forRun(null, "lync2013-edge-hlb", topo).rules().size());
        // an option naming an existing .csv is taken from the working folder, not relative to the topology
        String fromWorkingFolder = Path.of("").toAbsolutePath().relativize(elsewhere.resolve("mine.csv")).toString();
        RulePack mine = RulePackLoader.forRun(fromWorkingFolder, "lync2013-edge-hlb", topo);
        assertEquals(1, mine.rules().size());
        assertTrue(mine.location().endsWith("elsewhere/mine.csv"), mine.location());
        // an option that is a name is looked up like the topology's pack
        assertEquals(33, RulePackLoader.forRun("lync2013-edge-hlb", "mine", topo).rules().size());
        assertThrows(RulePackException.class, () -> RulePackLoader.forRun("nosuch", "lync2013-edge-hlb", topo));
    }

    /** Each line: the cell text replaced in ROW | its replacement | line:column | part of the message. */
    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', value = {
            ",tcp,    | ,sctp,           | 2:4  | 'sctp' (expected: tcp or udp)",
            ",5061,   | ,70000,          | 2:6  | port 70000",
            ",5061,   | ,5062-5061,      | 2:6  | runs backwards",
            ",any,5061 | ,x,5061         | 2:5  | is not a port",
            ",vip.access, | ,vip.acess,   | 2:8  | unknown selector 'vip.acess'",
            ",external,vip | ,outside,vip | 2:9  | (expected: external or internal)",
            ",vip,snat | ,pool,snat      | 2:10 | (expected: node or vip)",
            "snat-allowed, | snat,        | 2:11 | (expected: snat-allowed or no-snat)",
            "snat-allowed, | snat-allowed,ocs2008 | 2:12 | unknown condition 'ocs2008'",
            ",1,tcp   | ,0,tcp           | 2:3  | is not a row number",
            ",any,vip.access | ,edge.av,vip.access | 2:8 | both sides name Edge roles",
    })
    void errorsNameFileLineAndColumn(String from, String to, String at, String message) {
        String row = ROW.replace(from.strip(), to.strip());
        assertFalse(row.equals(ROW), "the replacement applies");
        RulePackException e = assertThrows(RulePackException.class,
                () -> RulePackLoader.parse("p", "p.csv", HEADER + row, null, null));
        assertTrue(e.getMessage().startsWith("p.csv:" + at + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void linesCountCommentsAndAnEarlierRow() {
        String text = HEADER + "# the first rule\n" + ROW + ROW.replace("X-1", "X-2").replace(",5061,", ",x,");
        RulePackException e = assertThrows(RulePackException.class, () -> RulePackLoader.parse("p", "p.csv", text, null, null));
        assertTrue(e.getMessage().startsWith("p.csv:4:6: "), e.getMessage());
    }

    @Test
    void structuralErrorsNameTheLine() {
        assertTrue(assertThrows(RulePackException.class, () -> RulePackLoader.parse("p", "p.csv",
                HEADER.replace("nat,", ""), null, null)).getMessage().startsWith("p.csv:1: missing column 'nat'"));
        assertTrue(assertThrows(RulePackException.class, () -> RulePackLoader.parse("p", "p.csv",
                HEADER + "X-1,external-vip,1\n", null, null)).getMessage().startsWith("p.csv:2:4: 3 cells (expected: 12"));
        assertTrue(assertThrows(RulePackException.class, () -> RulePackLoader.parse("p", "p.csv",
                HEADER + ROW + ROW, null, null)).getMessage().startsWith("p.csv:3:1: duplicate rule id 'X-1'"));
        assertTrue(assertThrows(RulePackException.class, () -> RulePackLoader.parse("p", "p.csv",
                HEADER, null, null)).getMessage().startsWith("p.csv: no rules"));
        assertTrue(assertThrows(RulePackException.class, () -> RulePackLoader.parse("p", "p.csv",
                HEADER + ROW, "r.csv", "id,source,text,check,reason\nR1,s,t,NOT A KIND,r\n")).getMessage()
                .startsWith("r.csv:2:4: 'NOT A KIND'"));
    }
}

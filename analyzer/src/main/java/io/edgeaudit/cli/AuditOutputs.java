package io.edgeaudit.cli;

import io.edgeaudit.report.AuditCsv;
import io.edgeaudit.report.OutputFolder;
import io.edgeaudit.report.ReportJson;
import io.edgeaudit.verdict.AuditResult;

import java.io.IOException;

/** The machine-readable outputs every analysing command writes into its folder, in one place. */
final class AuditOutputs {
    /** The names {@link #writeData} writes, in order. */
    static final String DATA_FILES = "report.json, flows.csv, violations.csv, coverage.csv, allocations.csv";

    private AuditOutputs() {
    }

    /** report.json, flows.csv, violations.csv, coverage.csv and allocations.csv, each atomically. */
    static void writeData(AuditResult r, OutputFolder folder) throws IOException {
        folder.write("report.json", w -> ReportJson.write(r, w));
        folder.write("flows.csv", w -> AuditCsv.flows(r, w));
        folder.write("violations.csv", w -> AuditCsv.violations(r, w));
        folder.write("coverage.csv", w -> AuditCsv.coverage(r, w));
        folder.write("allocations.csv", w -> AuditCsv.allocations(r, w));
    }
}

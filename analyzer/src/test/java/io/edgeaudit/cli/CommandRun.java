package io.edgeaudit.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Test helper: runs the edgeaudit command line in-process, built as {@link Main} builds it, and keeps its exit code, stdout and stderr. */
record CommandRun(int exit, String out, String err) {

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EdgeAuditCommand.newCommandLine(args);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}

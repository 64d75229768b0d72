package io.edgeaudit.cli;

import picocli.CommandLine;

/** Entry point: {@code java -jar edgeaudit.jar SUBCOMMAND ...}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(EdgeAuditCommand.newCommandLine(args).execute(args));
    }
}

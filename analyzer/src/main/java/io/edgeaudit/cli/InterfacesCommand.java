package io.edgeaudit.cli;

import io.edgeaudit.capture.live.LiveCaptureException;
import io.edgeaudit.capture.live.LiveInterface;
import io.edgeaudit.capture.live.LiveInterfaces;
import io.edgeaudit.capture.live.LiveLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code edgeaudit interfaces}: the devices {@code watch --interface} accepts. */
@Command(name = "interfaces",
        mixinStandardHelpOptions = true,
        description = "List the interfaces libpcap can capture on, with their addresses and state.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:libpcap missing or the interfaces could not be listed"})
public final class InterfacesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            List<LiveInterface> ifaces = LiveInterfaces.list();
            out.println(LiveLibrary.check());
            for (LiveInterface i : ifaces) {
                out.println(line(i));
            }
            if (ifaces.isEmpty()) {
                out.println("(none: capturing usually needs root or CAP_NET_RAW to see devices)");
            }
            out.flush();
            return ExitCodes.OK;
        } catch (LiveCaptureException e) {
            spec.commandLine().getErr().println("edgeaudit: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
    }

    /** {@code eth0  up running  192.0.2.1/24 fe80::1/64  (description)}. */
    static String line(LiveInterface i) {
        List<String> flags = new ArrayList<>();
        flags.add(i.up() ? "up" : "down");
        if (i.running()) {
            flags.add("running");
        }
        if (i.loopback()) {
            flags.add("loopback");
        }
        StringBuilder sb = new StringBuilder(String.format("%-16s %-22s", i.name(), String.join(",", flags)));
        sb.append(i.addresses().isEmpty() ? "-" : String.join(" ", i.addresses()));
        if (i.description() != null && !i.description().isBlank()) {
            sb.append("  (").append(i.description()).append(')');
        }
        return sb.toString().stripTrailing();
    }
}

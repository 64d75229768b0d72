package io.edgeaudit.pipeline;

import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.flow.FlowConfig;
import io.edgeaudit.flow.FlowTable;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the time of {@code edgeaudit flows} goes, stage by stage, for bench/flows-bench.sh: run once
 * per mode in a fresh JVM ({@code read}: frames only; {@code decode}: frames and decoder; {@code table}:
 * and the flow table, flows dropped). Prints "MODE packets cpu_seconds wall_seconds" (process CPU,
 * all threads, so the SHA-256 thread counts). A measuring tool, not a test.
 */
public final class StageTiming {
    private StageTiming() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long wall0 = System.nanoTime();
        long packets = 0;
        long[] flows = {0};
        try (CaptureSource source = Inputs.open(List.of(Path.of(args[1])), false)) {
            FrameDecoder decoder = Inputs.decoder();
            FlowTable table = new FlowTable(FlowConfig.defaults(), f -> flows[0]++);
            Packet packet = new Packet();
            boolean decode = !mode.equals("read");
            boolean flow = mode.equals("table");
            while (source.next()) {
                packets++;
                if (decode) {
                    decoder.decode(source.frame(), packet);
                    if (flow) {
                        table.accept(packet);
                    }
                }
            }
            table.finish();
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        System.out.printf("%s %d %.2f %.2f%n", mode, packets, cpu, wall);
    }
}

package net.fiko.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run was measured on, as the report states it. */
public record Machine(int cores, long memoryBytes, String jvm, String os) {

    public static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                totalMemory(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    public String describe() {
        return "%d cores, %.0f GiB memory, %s, %s".formatted(cores, memoryBytes / 1024.0 / 1024 / 1024, jvm, os);
    }

    private static long totalMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Runtime.getRuntime().maxMemory();
        }
        return Runtime.getRuntime().maxMemory();
    }
}

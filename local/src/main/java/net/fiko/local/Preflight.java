package net.fiko.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks, before anything starts, that no other local run holds the data folder and that the ports are free, so a
 * second start says why it cannot run instead of failing half-way with the first one's files open.
 */
final class Preflight {

    private Preflight() {}

    /** Holds the data folder for this run; the lock goes with the process. */
    static FileLock lockDataDirectory(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        FileChannel channel = FileChannel.open(
                dataDirectory.resolve("fiko-local.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another Fiko local run is using " + dataDirectory
                    + ". Stop it first, or set FIKO_LOCAL_DIR to another folder.");
        }
        return lock;
    }

    static void requireFreePorts(LocalSettings settings) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("FIKO_LOCAL_KAFKA_PORT", settings.kafkaPort());
        ports.put("FIKO_LOCAL_KAFKA_CONTROLLER_PORT", settings.kafkaControllerPort());
        ports.put("FIKO_LOCAL_POSTGRES_PORT", settings.postgresPort());
        ports.put("FIKO_LOCAL_GATEWAY_PORT", settings.gatewayPort());
        ports.put("FIKO_LOCAL_MESSAGE_SERVICE_PORT", settings.messageServicePort());
        ports.put("FIKO_LOCAL_TELEGRAM_PORT", settings.telegramPort());
        ports.put("FIKO_LOCAL_INSTAGRAM_PORT", settings.instagramPort());
        ports.put("FIKO_LOCAL_DEMO_PORT", settings.demoPort());
        ports.forEach((variable, port) -> {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException(
                        "Port " + port + " is in use. Stop what uses it, or set " + variable + " to another port.");
            }
        });
    }
}

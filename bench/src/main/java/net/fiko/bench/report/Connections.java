package net.fiko.bench.report;

import java.util.List;
import java.util.Map;
import net.fiko.bench.load.IdleConnections;

/**
 * S1's outcome: {@code held}, the sockets still open after holding them; {@code listsReceived}, those that got their
 * conversation list; the close codes of those the server closed; the heap and RSS each costs; the server's CPU per socket opened; the classes that grew most, in bytes per
 * connection.
 */
public record Connections(
        IdleConnections.Opened opened,
        long held,
        long listsReceived,
        Map<Integer, Long> closeCodes,
        double heapBytesPerConnection,
        double rssBytesPerConnection,
        double cpuMicrosPerConnect,
        List<Map.Entry<String, Double>> largestClasses) {}

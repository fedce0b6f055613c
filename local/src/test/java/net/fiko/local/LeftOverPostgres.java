package net.fiko.local;

import java.nio.file.Path;

/** A local run's PostgreSQL in a JVM of its own, which a test kills to leave the server running as a crash would. */
final class LeftOverPostgres {

    private LeftOverPostgres() {}

    public static void main(String[] args) throws Exception {
        LocalPostgres.start(Path.of(args[0]), Integer.parseInt(args[1]), false);
        System.out.println("ready");
        Thread.currentThread().join();
    }
}

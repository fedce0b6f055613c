package net.fiko.testsupport;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers, asked once per JVM. */
public final class Docker {

    private static volatile Boolean available;

    private Docker() {}

    public static boolean available() {
        if (available == null) {
            synchronized (Docker.class) {
                if (available == null) {
                    available = probe();
                }
            }
        }
        return available;
    }

    private static boolean probe() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}

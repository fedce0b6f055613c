package net.fiko.testsupport;

import org.testcontainers.junit.jupiter.Testcontainers;

/** The same checks on Testcontainers' apache/kafka and postgres; skipped when no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerServersTest extends RealServersTestBase {

    @Override
    ServerKind servers() {
        return ServerKind.CONTAINER;
    }
}

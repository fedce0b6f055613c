package net.fiko.local;

import net.fiko.testsupport.ServerKind;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The walking skeleton on Testcontainers' apache/kafka and postgres; skipped when no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class WalkingSkeletonOnContainersTest extends WalkingSkeletonTestBase {

    @Override
    ServerKind servers() {
        return ServerKind.CONTAINER;
    }
}

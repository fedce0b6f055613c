package net.fiko.local;

import net.fiko.testsupport.KafkaServer;
import net.fiko.testsupport.PostgresServer;
import net.fiko.testsupport.ServerKind;
import net.fiko.testsupport.TestServers;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The walking skeleton on Testcontainers' apache/kafka and postgres; skipped when no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class WalkingSkeletonOnContainersTest extends WalkingSkeletonTestBase {

    @Override
    KafkaServer kafka() {
        return TestServers.kafka(ServerKind.CONTAINER);
    }

    @Override
    PostgresServer postgres() {
        return TestServers.postgres(ServerKind.CONTAINER);
    }
}

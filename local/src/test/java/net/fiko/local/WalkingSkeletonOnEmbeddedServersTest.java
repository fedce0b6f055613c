package net.fiko.local;

import net.fiko.testsupport.KafkaServer;
import net.fiko.testsupport.PostgresServer;
import net.fiko.testsupport.ServerKind;
import net.fiko.testsupport.TestServers;

/** The walking skeleton on an in-process KRaft broker and PostgreSQL from embedded binaries: runs everywhere. */
class WalkingSkeletonOnEmbeddedServersTest extends WalkingSkeletonTestBase {

    @Override
    KafkaServer kafka() {
        return TestServers.kafka(ServerKind.EMBEDDED);
    }

    @Override
    PostgresServer postgres() {
        return TestServers.postgres(ServerKind.EMBEDDED);
    }
}

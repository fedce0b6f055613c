package net.fiko.local;

import net.fiko.testsupport.ServerKind;

/** The walking skeleton on an in-process KRaft broker and PostgreSQL from embedded binaries: runs everywhere. */
class WalkingSkeletonOnEmbeddedServersTest extends WalkingSkeletonTestBase {

    @Override
    ServerKind servers() {
        return ServerKind.EMBEDDED;
    }
}

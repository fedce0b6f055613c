package net.fiko.testsupport;

/** The servers used when no Docker engine answers: an in-process KRaft broker and embedded PostgreSQL. */
class EmbeddedServersTest extends RealServersTestBase {

    @Override
    ServerKind servers() {
        return ServerKind.EMBEDDED;
    }
}

package net.fiko.bench.load;

import java.net.URI;
import java.util.List;

/** A system the load generator drives: the Fiko pipeline or the baseline broadcast server. */
public interface Target extends AutoCloseable {

    /** A short name for the report. */
    String name();

    /** The chat socket of a conversation for an agent. */
    URI chatSocket(String conversationId, String agentId);

    /** An agent's conversation-list socket. */
    URI listSocket(String agentId);

    /** Where Telegram's updates for the tenant go (registering a bot first, where there is one to register). */
    Webhooks telegramWebhooks() throws Exception;

    /**
     * Makes {@code count} conversations ready to chat in and returns their ids; a conversation is ready once a chat
     * socket to it is accepted.
     */
    List<String> conversations(int count) throws Exception;

    /** The operating-system process serving the sockets (for its memory and CPU), or -1 if it is this JVM. */
    long pid();

    /** PostgreSQL's server process where the target has one (its CPU counts with the target's), or -1. */
    default long postgresPid() {
        return -1;
    }

    @Override
    void close();
}

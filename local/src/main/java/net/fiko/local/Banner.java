package net.fiko.local;

import java.time.Duration;

/** What the local mode prints once everything is ready. */
final class Banner {

    private Banner() {}

    static String ready(LocalSettings s, String token, String conversationId, Duration startup) {
        String chat = "ws://localhost:" + s.gatewayPort() + "/ws/chat/" + conversationId + "/?token=" + token;
        return """

                ================================================================================
                 Fiko is ready (%.1f s)

                 Agent console       http://localhost:%d/console/   (?agent=2&name=Sara: another agent)
                 Customer simulator  http://localhost:%d/simulator/ (write as a Telegram or Instagram customer)

                 WebSocket gateway   ws://localhost:%d/ws/conversations/?token=<token>
                                     ws://localhost:%d/ws/chat/<conversation_id>/?token=<token>
                 message-service     http://localhost:%d/actuator/health
                 connector-telegram  http://localhost:%d/actuator/health
                 connector-instagram http://localhost:%d/actuator/health
                 Kafka               localhost:%d      PostgreSQL  localhost:%d/fiko (user postgres)
                 Data                %s (delete it to start from scratch)

                 A development JWT for agent 1 of tenant "demo" (valid 30 days):
                   %s

                 The demo conversation (its customer wrote first):
                   %s
                 For example:  npx wscat -c '%s'
                   then send:  {"type":"chat_message","content":"Hello! Let me check."}

                 Send a message as the demo web customer:
                   curl -X POST http://localhost:%d/customer-messages -H 'Content-Type: application/json' \\
                        -d '{"text":"Is anyone there?"}'

                 Ctrl-C stops everything.
                ================================================================================
                """.formatted(
                        startup.toMillis() / 1000.0,
                        s.demoPort(),
                        s.demoPort(),
                        s.gatewayPort(),
                        s.gatewayPort(),
                        s.messageServicePort(),
                        s.telegramPort(),
                        s.instagramPort(),
                        s.kafkaPort(),
                        s.postgresPort(),
                        s.dataDirectory(),
                        token,
                        chat,
                        chat,
                        s.demoPort());
    }
}

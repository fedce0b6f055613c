package net.fiko.support.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonWriter;

class RedactionTest {

    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3IiwidGVuYW50X2lkIjoiYWNtZSJ9.c2lnbmF0dXJlLWJ5dGVz";
    static final String BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    @Test
    void shouldRedactEveryKindOfCredentialAndKeepTheRest() {
        assertThat(Redaction.redact("GET /ws/conversations/?lang=en&token=" + JWT + " 101"))
                .isEqualTo("GET /ws/conversations/?lang=en&token=[redacted] 101");
        assertThat(Redaction.redact("Refused " + JWT)).isEqualTo("Refused [jwt]");
        assertThat(Redaction.redact("POST https://api.telegram.org/bot" + BOT_TOKEN + "/sendMessage"))
                .isEqualTo("POST https://api.telegram.org/bot[bot-token]/sendMessage");
        assertThat(Redaction.redact("Authorization: Bearer EAAG1234abcd"))
                .isEqualTo("Authorization: Bearer [redacted]");
        assertThat(Redaction.redact("/webhooks/instagram?hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=1"))
                .isEqualTo("/webhooks/instagram?hub.mode=subscribe&hub.verify_token=[redacted]&hub.challenge=1");
        assertThat(Redaction.redact("Message 12 of conversation 3f2a: sent at 10:42"))
                .isEqualTo("Message 12 of conversation 3f2a: sent at 10:42");
        assertThat(Redaction.redact(null)).isNull();
    }

    @Test
    void everyTextFieldOfAJsonLineShouldBeRedacted() {
        JsonWriter<String[]> line = JsonWriter.of(members -> {
            members.add("message", fields -> fields[0]);
            members.add("mdc").usingMembers(mdc -> mdc.add("path", fields -> fields[1]));
            members.add("sequence", fields -> 12);
            new RedactingJsonMembers().customize((JsonWriter.Members) members);
        });

        assertThat(line.writeToString(new String[] {"Token " + JWT + " refused", "/ws/chat/1/?token=" + JWT}))
                .isEqualTo("{\"message\":\"Token [jwt] refused\",\"mdc\":{\"path\":\"/ws/chat/1/?token=[redacted]\"},"
                        + "\"sequence\":12}");
    }

    @Test
    void everyPatternsMessageShouldBeRedactedOnceInstalled() {
        RedactingMessageConverter.install();
        var context = new LoggerContext();
        var layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern("%level %msg");
        layout.start();
        var event = new LoggingEvent(
                getClass().getName(), context.getLogger("test"), Level.WARN, "Token {} refused", null, new Object[] {JWT
                });

        assertThat(layout.doLayout(event)).isEqualTo("WARN Token [jwt] refused");
    }
}

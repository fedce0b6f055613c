package net.fiko.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.fiko.events.Agent;
import net.fiko.events.ephemeral.PresenceChanged;
import org.junit.jupiter.api.Test;

class WhoIsHereTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final WhoIsHere whoIsHere = new WhoIsHere();

    @Test
    void shouldFlipOnlyWhenTheFirstInstanceHasAUserAndWhenTheLastLetsGo() {
        assertThat(whoIsHere.update(presence("t1", "c1", "sara", "gw-1", true))).isTrue();
        assertThat(whoIsHere.update(presence("t1", "c1", "sara", "gw-2", true))).isFalse();
        assertThat(whoIsHere.update(presence("t1", "c1", "sara", "gw-1", false)))
                .isFalse();
        assertThat(whoIsHere.in("t1", "c1")).extracting(Agent::userId).containsExactly("sara");

        assertThat(whoIsHere.update(presence("t1", "c1", "sara", "gw-2", false)))
                .isTrue();
        assertThat(whoIsHere.in("t1", "c1")).isEmpty();
        assertThat(whoIsHere.of("t1")).isEmpty();
    }

    @Test
    void shouldAnswerForOneChatOfOneTenantOnly() {
        whoIsHere.update(presence("t1", "c1", "sara", "gw-1", true));
        whoIsHere.update(presence("t1", "c1", "ali", "gw-1", true));
        whoIsHere.update(presence("t1", "c2", "sara", "gw-1", true));
        whoIsHere.update(presence("t2", "c1", "mina", "gw-1", true));

        assertThat(whoIsHere.in("t1", "c1")).extracting(Agent::userId).containsExactly("ali", "sara");
        assertThat(whoIsHere.in("t1", "c2")).extracting(Agent::userId).containsExactly("sara");
        assertThat(whoIsHere.in("t2", "c1")).extracting(Agent::userId).containsExactly("mina");
        assertThat(whoIsHere.in("t3", "c1")).isEmpty();
        // Each user of the tenant once, whatever the number of chats they are in.
        assertThat(whoIsHere.of("t1")).extracting(Agent::userId).containsExactly("ali", "sara");
    }

    @Test
    void shouldLetGoOfUsersWhoseAnnouncementsWereNotRenewed() {
        whoIsHere.update(presence("t1", "c1", "sara", "gw-dead", true));
        whoIsHere.update(presence("t1", "c1", "ali", "gw-alive", true, NOW.plusSeconds(120)));

        var gone = whoIsHere.expire(NOW.plusSeconds(61));

        assertThat(gone).extracting(user -> user.agent().userId()).containsExactly("sara");
        assertThat(whoIsHere.in("t1", "c1")).extracting(Agent::userId).containsExactly("ali");
        assertThat(whoIsHere.expire(NOW.plusSeconds(121)))
                .extracting(user -> user.agent().userId())
                .containsExactly("ali");
        assertThat(whoIsHere.of("t1")).isEmpty();
    }

    private static PresenceChanged presence(
            String tenant, String conversation, String user, String gateway, boolean online) {
        return presence(tenant, conversation, user, gateway, online, NOW.plusSeconds(60));
    }

    private static PresenceChanged presence(
            String tenant, String conversation, String user, String gateway, boolean online, Instant expiresAt) {
        return new PresenceChanged(
                "e-" + user + gateway,
                NOW,
                tenant,
                conversation,
                new Agent(user, user, null),
                gateway,
                online,
                online ? expiresAt : null);
    }
}

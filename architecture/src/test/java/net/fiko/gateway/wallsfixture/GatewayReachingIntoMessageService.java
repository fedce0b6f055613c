package net.fiko.gateway.wallsfixture;

import net.fiko.message.MessageServiceApplication;

/** Breaks a wall on purpose, for {@code WallsFixtureTest}: the gateway using message-service's classes. */
public class GatewayReachingIntoMessageService {

    public Class<?> application() {
        return MessageServiceApplication.class;
    }
}

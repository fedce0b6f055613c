package net.fiko.gateway.wallsfixture.a;

import net.fiko.gateway.wallsfixture.b.Pong;

/** With {@link Pong}, a package cycle on purpose, for {@code WallsFixtureTest}. */
public class Ping {

    public Pong answer() {
        return new Pong();
    }
}

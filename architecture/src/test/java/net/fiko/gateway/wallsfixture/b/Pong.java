package net.fiko.gateway.wallsfixture.b;

import net.fiko.gateway.wallsfixture.a.Ping;

/** With {@link Ping}, a package cycle on purpose, for {@code WallsFixtureTest}. */
public class Pong {

    public Ping answer() {
        return new Ping();
    }
}

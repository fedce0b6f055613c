package net.fiko.faults.wallsfixture;

import net.fiko.gateway.GatewayApplication;

/** Breaks a wall on purpose, for {@code WallsFixtureTest}: the fault suite starting a service in its own JVM. */
public class StartsAGatewayInProcess {

    public Class<?> application() {
        return GatewayApplication.class;
    }
}

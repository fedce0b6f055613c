package net.fiko.connector.telegram.wallsfixture;

import net.fiko.connector.instagram.client.GraphFailure;

/** Breaks a wall on purpose, for {@code WallsFixtureTest}: one connector using the other's classes. */
public class TelegramReachingIntoInstagram {

    public boolean retryable(GraphFailure failure) {
        return failure.retryable();
    }
}

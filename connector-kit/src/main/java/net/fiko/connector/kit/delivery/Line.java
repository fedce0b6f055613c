package net.fiko.connector.kit.delivery;

import java.util.ArrayDeque;
import java.util.concurrent.Future;

/** One chat's replies, in order; at most one step of it runs at a time. */
final class Line<T> {
    final String chat;
    final ArrayDeque<Job<T>> jobs = new ArrayDeque<>();
    /** A step is queued or running. */
    boolean scheduled;
    /** The timed wake-up the line waits for, if any. */
    Future<?> wake;

    Line(String chat) {
        this.chat = chat;
    }
}

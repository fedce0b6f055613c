package net.fiko.gateway.hub;

/**
 * A token bucket per socket: {@code burst} frames at once, refilled at {@code perSecond}. A frame over the limit is
 * refused; a client that goes on past {@code patience} refused frames in a row is to be closed.
 */
public final class FrameRateLimit {

    public enum Verdict {
        ACCEPT,
        REFUSE,
        CLOSE
    }

    private final double perSecond;
    private final double burst;
    private final int patience;
    private double tokens;
    private long lastNanos;
    private int refusedInARow;

    public FrameRateLimit(double perSecond, int burst, int patience, long nowNanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.patience = patience;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    public synchronized Verdict frame(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            refusedInARow = 0;
            return Verdict.ACCEPT;
        }
        refusedInARow++;
        return refusedInARow > patience ? Verdict.CLOSE : Verdict.REFUSE;
    }
}

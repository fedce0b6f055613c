package net.fiko.faults.load;

/** What one socket saw. */
public record SocketFigures(
        long acked,
        long unacked,
        long resent,
        long recovered,
        long missing,
        long repeats,
        long outOfOrder,
        long resumesCut,
        long reconnects) {

    static SocketFigures of(Outgoing outgoing, long missing, Received received, long resumesCut, long reconnects) {
        return new SocketFigures(
                outgoing.acked(),
                outgoing.unacked().size(),
                outgoing.resent(),
                outgoing.recovered(),
                missing,
                received.repeats(),
                received.outOfOrder(),
                resumesCut,
                reconnects);
    }

    public SocketFigures plus(SocketFigures other) {
        return new SocketFigures(
                acked + other.acked,
                unacked + other.unacked,
                resent + other.resent,
                recovered + other.recovered,
                missing + other.missing,
                repeats + other.repeats,
                outOfOrder + other.outOfOrder,
                resumesCut + other.resumesCut,
                reconnects + other.reconnects);
    }

    public static SocketFigures none() {
        return new SocketFigures(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}

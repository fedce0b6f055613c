package net.fiko.bench.report;

import net.fiko.bench.load.Handshakes;

/**
 * S1's handshake rate: sockets opened by the light client as fast as the server took them, and the share of the
 * machine's cores the server and the generator used while they opened ({@code 0.5} is one core of two).
 *
 * @param serverMicrosPerSocket the server's CPU per socket from the first handshake to the last list, the list's query
 *     included
 */
public record HandshakeRate(
        Handshakes.Burst burst, double serverMicrosPerSocket, double serverShare, double generatorShare) {

    /**
     * What set the pace, where the server did not: the generator, if it used more of the machine than the server;
     * else, with a quarter of the machine idle, neither's CPU (a full listen queue, say, or the handshakes under way);
     * {@code null} when the server was busy, as it should be.
     */
    public String limit() {
        if (serverShare < 0) {
            return null;
        }
        if (generatorShare > serverShare) {
            return "generator-limited";
        }
        return serverShare + generatorShare < 0.75 ? "neither's CPU the limit" : null;
    }
}

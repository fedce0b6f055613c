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

    /** The generator was the limit if the server had a quarter of the machine or more to spare. */
    public boolean generatorLimited() {
        return serverShare >= 0 && serverShare + generatorShare < 0.75 || generatorShare > serverShare;
    }
}

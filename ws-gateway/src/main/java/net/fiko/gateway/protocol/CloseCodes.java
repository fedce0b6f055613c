package net.fiko.gateway.protocol;

import org.springframework.web.socket.CloseStatus;

/**
 * The close codes the gateway sends besides the seed's own, each documented in {@code docs/websocket-api.md}. Only
 * authentication closes with 1008, since the seed's client takes 1008 as "sign in again"; every limit closes with a
 * code the seed's client answers by reconnecting after its back-off.
 */
public final class CloseCodes {

    /** The conversation does not exist or is another tenant's: the same answer for both. */
    public static final CloseStatus NOT_FOUND = new CloseStatus(4404, "Conversation not found");

    /** RFC 6455's "Try Again Later": a limit of the server's was reached; reconnecting later will do. */
    public static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "Try again later");

    /** The instance is stopping: reconnect (through the load balancer, to another instance) and resume. */
    public static final CloseStatus DRAINING = new CloseStatus(1012, "Service restart: reconnect");

    private CloseCodes() {}
}

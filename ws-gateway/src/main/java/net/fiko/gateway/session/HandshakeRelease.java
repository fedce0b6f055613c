package net.fiko.gateway.session;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.internal.CompletedUpgradeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Lets an open socket's handshake go. Jetty (12.1.10 to 12.1.14 at least) keeps in each socket's upgrade response the
 * response's headers as a live view of the servlet response's, and so the whole HTTP exchange of the handshake: the
 * servlet request and response, the connection's parser, the URI with its token, the request's observation. That is
 * about 6 KB of heap per open socket, a third of what an idle socket costs (docs/benchmarks.md, S1). Jetty keeps an
 * immutable copy of the same headers beside the view; once the socket is open the view is replaced with one of the
 * copy, so what the upgrade response answers is unchanged. Where Jetty's class is not as this expects (a version that
 * no longer does this), nothing is done.
 */
final class HandshakeRelease {

    private static final Logger log = LoggerFactory.getLogger(HandshakeRelease.class);
    private static final Field HEADERS_VIEW;
    private static final Field HEADERS_COPY;

    static {
        Field view = null;
        Field copy = null;
        try {
            view = CompletedUpgradeResponse.class.getDeclaredField("_headers");
            copy = CompletedUpgradeResponse.class.getDeclaredField("_httpFields");
            if (view.getType() != Map.class || copy.getType() != HttpFields.class) {
                throw new NoSuchFieldException("a header field of another type");
            }
            view.setAccessible(true);
            copy.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info(
                    "Open sockets keep their handshake's HTTP exchange: Jetty's upgrade response is not as expected"
                            + " ({})",
                    e.toString());
            view = null;
            copy = null;
        }
        HEADERS_VIEW = view;
        HEADERS_COPY = copy;
    }

    private HandshakeRelease() {}

    /** Called once the socket is open; the handshake is over by then. */
    static void release(WebSocketSession socket) {
        if (HEADERS_VIEW == null
                || !(socket instanceof NativeWebSocketSession nativeSocket)
                || !(nativeSocket.getNativeSession() instanceof Session jetty)
                || !(jetty.getUpgradeResponse() instanceof CompletedUpgradeResponse response)) {
            return;
        }
        try {
            Map<String, List<String>> headers = HttpFields.asMap((HttpFields) HEADERS_COPY.get(response));
            HEADERS_VIEW.set(response, headers);
        } catch (IllegalAccessException | RuntimeException e) {
            log.debug("Could not let go of socket {}'s handshake: {}", socket.getId(), e.toString());
        }
    }
}

package net.fiko.gateway.transport;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.internal.CompletedUpgradeRequest;
import org.eclipse.jetty.websocket.server.internal.CompletedUpgradeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets an open socket's handshake go. Jetty (12.1.10 to 12.1.14 at least) keeps the whole HTTP exchange of the
 * handshake for as long as the socket is open, through the copies of the handshake it keeps in the socket's session:
 * the upgrade response's headers are a live view of the servlet response's, and the upgrade request's headers keep a
 * reference back to the HTTP connection. That is the servlet request and response, the connection with its parser,
 * the URI with its token and the request's observation: about 6 KB of heap per open socket, a third of what an idle
 * socket cost (docs/benchmarks.md, S1). Once the socket is open, both are replaced with plain copies of the same
 * headers, so what the session's upgrade request and response answer is unchanged. Where Jetty's classes are not as
 * this expects (a version that no longer does this), nothing is done.
 */
final class HandshakeRelease {

    private static final Logger log = LoggerFactory.getLogger(HandshakeRelease.class);
    private static final Field RESPONSE_HEADERS_VIEW;
    private static final Field RESPONSE_HEADERS;
    private static final Field REQUEST_HEADERS;

    static {
        Field responseView = null;
        Field response = null;
        Field request = null;
        try {
            responseView = field(CompletedUpgradeResponse.class, "_headers", Map.class);
            response = field(CompletedUpgradeResponse.class, "_httpFields", HttpFields.class);
            request = field(CompletedUpgradeRequest.class, "_httpFields", HttpFields.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info(
                    "Open sockets keep their handshake's HTTP exchange: Jetty's upgrade classes are not as expected"
                            + " ({})",
                    e.toString());
            responseView = null;
        }
        RESPONSE_HEADERS_VIEW = responseView;
        RESPONSE_HEADERS = response;
        REQUEST_HEADERS = request;
    }

    private HandshakeRelease() {}

    /** Called once the socket is open; the handshake is over by then. */
    static void release(Session socket) {
        if (RESPONSE_HEADERS_VIEW == null) {
            return;
        }
        try {
            if (socket.getUpgradeResponse() instanceof CompletedUpgradeResponse response) {
                Map<String, List<String>> headers = HttpFields.asMap((HttpFields) RESPONSE_HEADERS.get(response));
                RESPONSE_HEADERS_VIEW.set(response, headers);
            }
            if (socket.getUpgradeRequest() instanceof CompletedUpgradeRequest request) {
                HttpFields headers = (HttpFields) REQUEST_HEADERS.get(request);
                REQUEST_HEADERS.set(request, HttpFields.from(headers.stream().toArray(HttpField[]::new)));
            }
        } catch (IllegalAccessException | RuntimeException e) {
            log.debug("Could not let go of a socket's handshake: {}", e.toString());
        }
    }

    private static Field field(Class<?> owner, String name, Class<?> type) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        if (field.getType() != type) {
            throw new NoSuchFieldException(owner.getSimpleName() + "." + name + " is a " + field.getType());
        }
        field.setAccessible(true);
        return field;
    }
}

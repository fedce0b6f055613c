package net.fiko.gateway.auth;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Takes what the handshake request carries into the session: the token ({@code ?token=}, else an
 * {@code Authorization: Bearer} header), the language of error messages ({@code ?lang=}), the conversation of a chat
 * path and a resume point ({@code ?since=}). The upgrade is always accepted: a bad token is answered on the socket
 * with an {@code error} event and close code 1008, which browsers can see (a refused handshake shows them 1006).
 */
public class TokenHandshakeInterceptor implements HandshakeInterceptor {

    public static final String TOKEN = "fiko.token";
    public static final String LANGUAGE = "fiko.lang";
    public static final String CONVERSATION_ID = "fiko.conversationId";
    public static final String SINCE = "fiko.since";

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler wsHandler,
            Map<String, Object> attributes) {
        UriComponents uri = UriComponentsBuilder.fromUri(request.getURI()).build();
        var query = uri.getQueryParams();
        String token = decoded(query.getFirst("token"));
        if (token == null) {
            String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = header.substring(7).trim();
            }
        }
        putIfPresent(attributes, TOKEN, token);
        putIfPresent(attributes, LANGUAGE, decoded(query.getFirst("lang")));
        putIfPresent(attributes, SINCE, decoded(query.getFirst("since")));
        var segments = uri.getPathSegments();
        if (segments.size() >= 3 && "chat".equals(segments.get(1))) {
            attributes.put(CONVERSATION_ID, segments.get(2));
        }
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler, Exception exception) {}

    private static String decoded(String value) {
        return value == null || value.isBlank()
                ? null
                : java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void putIfPresent(Map<String, Object> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}

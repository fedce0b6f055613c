package net.fiko.support.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the REST API ({@code /api/*}): a request needs {@code Authorization: Bearer <access token>}; the verified
 * user is in the request attribute {@link #USER}. Otherwise 401 with a JSON body shaped like the WebSocket errors. A
 * media file ({@code GET /api/media/...}) also takes the token as {@code ?token=}, as the sockets do: an {@code <img>}
 * or {@code <audio>} sends no header (docs/decisions/0003-media.md).
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    /** The request attribute holding the {@link AuthenticatedUser}. */
    public static final String USER = "fiko.user";

    private final TokenVerifier verifier;

    public BearerTokenFilter(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : null;
        if (token == null
                && "GET".equals(request.getMethod())
                && request.getRequestURI().startsWith("/api/media/")) {
            token = request.getParameter("token");
        }
        try {
            request.setAttribute(USER, verifier.verify(token));
        } catch (InvalidTokenException e) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream()
                    .write("{\"error\":\"Authentication required\",\"message\":\"A valid access token is required.\"}"
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}

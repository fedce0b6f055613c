package net.fiko.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds a webhook's body while it is read: a declared {@code Content-Length} over the limit is answered 413 before a
 * byte of the body is read, and a chunked body is read only up to the limit and answered 413 there, the connection
 * closed so the rest is never read. A body within the limit is handed on as it was read.
 */
public class WebhookBodyLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WebhookBodyLimit.class);

    private final long maxBytes;

    public WebhookBodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response, declared + " bytes declared");
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBytes);
        if (body == null) {
            refuse(request, response, "over " + maxBytes + " bytes sent");
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    /** The body, or null when it goes on past {@code maxBytes}. */
    private static byte[] readAtMost(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(maxBytes, 16 * 1024));
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int read; (read = in.read(buffer)) != -1; ) {
            total += read;
            if (total > maxBytes) {
                return null;
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
        log.info("Refused a webhook to {}: {} (the limit is {})", request.getRequestURI(), why, maxBytes);
        response.setHeader("Connection", "close");
        response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body over " + maxBytes + " bytes");
    }

    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was read already");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}

package net.fiko.connector.kit.media;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.fiko.connector.kit.channel.RegistrationEndpoints;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code POST /api/media/<platform>/uploads}: an agent's file, its bytes the request's body, its type the {@code
 * Content-Type} the app declares, its name {@code ?name=} (a browser's {@code fetch} with a {@code File} as body sends
 * both). 201 with the kept file's id, kind, type, size and name; 415 with the reason for a file that is not what it
 * says or not a kind agents may send; 413 past {@code fiko.media.max-file-size}; 401 without a token. {@code GET
 * /api/media/<platform>/uploads/<id>}: the tenant's file, the URL of the attachment that sent it.
 */
public final class UploadEndpoints {

    private UploadEndpoints() {}

    public static RouterFunction<ServerResponse> of(String platform, Uploads uploads) {
        return RouterFunctions.route()
                .POST("/api/media/" + platform + "/uploads", request -> upload(platform, uploads, request))
                .GET("/api/media/" + platform + "/uploads/{id}", request -> uploaded(platform, uploads, request))
                .build();
    }

    /** The tenant's own upload, as the messages that carry it link it; 404 for another tenant's, as for none. */
    private static ServerResponse uploaded(String platform, Uploads uploads, ServerRequest request) throws Exception {
        Optional<Uploads.Kept> kept =
                uploads.find(platform, RegistrationEndpoints.tenant(request), request.pathVariable("id"));
        if (kept.isEmpty()) {
            return ServerResponse.notFound().build();
        }
        return ServerResponse.ok()
                .contentType(MediaResponses.contentType(kept.get().media().contentType()))
                .cacheControl(MediaResponses.CACHING)
                .body(kept.get().resource());
    }

    private static ServerResponse upload(String platform, Uploads uploads, ServerRequest request) throws Exception {
        Uploads.Uploaded file;
        try {
            file = uploads.accept(
                    platform,
                    RegistrationEndpoints.tenant(request),
                    request.headers().firstHeader(HttpHeaders.CONTENT_TYPE),
                    request.param("name").orElse(null),
                    request.servletRequest().getInputStream());
        } catch (Uploads.Refused refused) {
            return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported file", refused.getMessage());
        } catch (MediaTooLargeException tooLarge) {
            return error(HttpStatus.CONTENT_TOO_LARGE, "File too large", tooLarge.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", file.id());
        answer.put("kind", file.kind());
        answer.put("mime_type", file.mimeType());
        answer.put("size_bytes", file.sizeBytes());
        answer.put("file_name", file.fileName());
        return ServerResponse.status(HttpStatus.CREATED).body(answer);
    }

    private static ServerResponse error(HttpStatus status, String error, String message) {
        return ServerResponse.status(status).body(Map.of("error", error, "message", message));
    }
}

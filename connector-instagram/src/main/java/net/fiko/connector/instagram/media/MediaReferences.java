package net.fiko.connector.instagram.media;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fiko.connector.instagram.system.InstagramProperties;
import net.fiko.events.Attachment;
import net.fiko.events.inbound.BusinessMessageSent;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.InboundMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each customer's file can be fetched: Meta's CDN URL (kept in the attachment's {@code file_id}, signed, expiring
 * within days) under the media id its attachment's URL names, recorded in the webhook's own transaction so a URL an
 * agent is shown always resolves ({@link InstagramMediaController}).
 */
@Component
public class MediaReferences {

    private final JdbcTemplate jdbc;
    private final String baseUrl;

    MediaReferences(JdbcTemplate jdbc, InstagramProperties properties) {
        this.jdbc = jdbc;
        this.baseUrl = properties.publicBaseUrl() + "/api/media/instagram";
    }

    /** The base of the URLs of customers' files: this connector's media endpoint, at its public URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Records the files of these messages; a message delivered again changes nothing. */
    public void recordAll(List<InboundMessage> messages, Instant at) {
        List<Object[]> rows = new ArrayList<>();
        for (InboundMessage message : messages) {
            for (Attachment attachment : attachments(message)) {
                if (attachment.url() != null && attachment.fileId() != null) {
                    String id = attachment.url().substring(attachment.url().lastIndexOf('/') + 1);
                    rows.add(new Object[] {
                        id, message.channelId(), message.tenantId(), attachment.fileId(), Timestamp.from(at)
                    });
                }
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(
                    "INSERT INTO media (id, channel_id, tenant_id, source_url, received_at) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    rows);
        }
    }

    /** The CDN URL of the tenant's file {@code id} of channel {@code channelId}; empty for another tenant's. */
    Optional<String> source(String tenantId, String channelId, String id) {
        return jdbc
                .queryForList(
                        "SELECT source_url FROM media WHERE id = ? AND channel_id = ? AND tenant_id = ?",
                        String.class,
                        id,
                        channelId,
                        tenantId)
                .stream()
                .findFirst();
    }

    private static List<Attachment> attachments(InboundMessage message) {
        if (message instanceof CustomerMessageReceived received) {
            return received.attachments();
        }
        return message instanceof BusinessMessageSent sent ? sent.attachments() : List.of();
    }
}

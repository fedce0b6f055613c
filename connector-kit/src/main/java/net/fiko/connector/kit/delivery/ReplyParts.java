package net.fiko.connector.kit.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fiko.connector.kit.media.FileKinds;
import net.fiko.connector.kit.media.MediaKey;
import net.fiko.connector.kit.media.MediaStore;
import net.fiko.connector.kit.media.OutboundFile;
import net.fiko.connector.kit.media.StoredMedia;
import net.fiko.events.Attachment;
import net.fiko.events.outbound.ReplyRequested;

/**
 * A reply as the messages its platform takes, before the first call: each of the agent's files from the media store
 * (refused, without a call, when it is gone, is not the kind the message says, or is past the platform's own limits),
 * and its text as their caption where the platform shows one and it fits, else as messages of their own, first. A
 * reply with neither text nor files is refused.
 */
final class ReplyParts {

    static final String CODE = "attachment";

    private ReplyParts() {}

    /** The reply's parts, or why it cannot go; a store that cannot be read is the delivery's to retry. */
    static Target<List<Part>> of(ReplyRequested reply, ReplySender<?> sender, MediaStore store) {
        try {
            return parts(reply, sender, store);
        } catch (IOException e) {
            throw new UncheckedIOException("The media store could not be read", e);
        }
    }

    private static Target<List<Part>> parts(ReplyRequested reply, ReplySender<?> sender, MediaStore store)
            throws IOException {
        List<OutboundFile> files = new ArrayList<>();
        for (Attachment attachment : reply.attachments()) {
            Optional<StoredMedia> stored = attachment.fileId() == null
                    ? Optional.empty()
                    : store.find(MediaKey.of(sender.platform().wireName(), reply.tenantId(), attachment.fileId()));
            String name = attachment.fileName() != null ? attachment.fileName() : "the " + attachment.kind();
            if (stored.isEmpty()) {
                return Target.refused("The file " + name + " is no longer kept to be sent; upload it again", CODE);
            }
            String kind = FileKinds.kindOf(stored.get().contentType()).orElse(null);
            if (kind == null || !kind.equals(attachment.kind())) {
                return Target.refused(
                        "The file " + name + " is not the " + attachment.kind() + " the message says", CODE);
            }
            OutboundFile file = new OutboundFile(store, stored.get(), kind, attachment.fileName());
            Optional<ReplySender.Refusal> refusal = sender.refuses(file);
            if (refusal.isPresent()) {
                return Target.refused(refusal.get().reason(), refusal.get().code());
            }
            files.add(file);
        }
        String text = reply.content() == null ? "" : reply.content();
        boolean captioned =
                !files.isEmpty() && !text.isEmpty() && text.codePointCount(0, text.length()) <= sender.maxCaption();
        List<Part> parts = new ArrayList<>();
        if (!captioned && !text.isEmpty()) {
            sender.parts(text).forEach(piece -> parts.add(new Part.Text(piece)));
        }
        for (int i = 0; i < files.size(); i++) {
            parts.add(new Part.File(files.get(i), captioned && i == 0 ? text : null));
        }
        return parts.isEmpty() ? Target.refused("The message has nothing to send", "empty") : Target.ready(parts);
    }
}

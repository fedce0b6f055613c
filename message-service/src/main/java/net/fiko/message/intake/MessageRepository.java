package net.fiko.message.intake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface MessageRepository extends JpaRepository<MessageEntity, UUID> {

    boolean existsByConversationIdAndPlatformMessageIdAndType(
            UUID conversationId, String platformMessageId, String type);

    Optional<MessageEntity> findByConversationIdAndPlatformMessageIdAndType(
            UUID conversationId, String platformMessageId, String type);

    Optional<MessageEntity> findFirstByConversationIdOrderBySequenceDesc(UUID conversationId);

    boolean existsByConversationIdAndSenderUserIdAndClientMsgId(
            UUID conversationId, String senderUserId, String clientMsgId);

    /** Agents' messages still pending since before {@code cutoff}, locked; rows another instance holds are skipped. */
    @Query(
            value = "SELECT * FROM messages WHERE delivery_status = 'pending' AND created_at < :cutoff"
                    + " ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED",
            nativeQuery = true)
    List<MessageEntity> lockPendingSince(Instant cutoff, int limit);
}

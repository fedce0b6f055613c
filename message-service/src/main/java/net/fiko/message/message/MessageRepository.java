package net.fiko.message.message;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface MessageRepository extends JpaRepository<MessageEntity, UUID> {

    boolean existsByConversationIdAndPlatformMessageIdAndType(
            UUID conversationId, String platformMessageId, String type);

    boolean existsByConversationIdAndSenderUserIdAndClientMsgId(
            UUID conversationId, String senderUserId, String clientMsgId);
}

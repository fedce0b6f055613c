package net.fiko.message.conversation;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ConversationRepository extends JpaRepository<ConversationEntity, UUID> {

    /** The tenant's conversation, locked until the transaction ends, so its messages are numbered one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from ConversationEntity c where c.id = :id and c.tenantId = :tenantId")
    Optional<ConversationEntity> lockByIdAndTenant(UUID id, String tenantId);

    /** The customer's conversation on a channel, locked; at most one (a unique index). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from ConversationEntity c where c.customer = :customer and c.channelId = :channelId")
    Optional<ConversationEntity> lockByCustomerAndChannel(CustomerEntity customer, String channelId);
}

package net.fiko.message.outbox;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface OutboxRepository extends JpaRepository<OutboxEvent, Long> {

    List<OutboxEvent> findByOrderByIdAsc(Limit limit);
}

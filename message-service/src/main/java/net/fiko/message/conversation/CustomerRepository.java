package net.fiko.message.conversation;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface CustomerRepository extends JpaRepository<CustomerEntity, Long> {

    Optional<CustomerEntity> findByTenantIdAndPlatformAndExternalId(
            String tenantId, String platform, String externalId);
}

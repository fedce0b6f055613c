package net.fiko.message.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import net.fiko.events.Customer;
import net.fiko.events.Platform;

/** A customer of one tenant on one platform. */
@Entity
@Table(name = "customers")
public class CustomerEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(nullable = false)
    private String platform;

    @Column(name = "external_id", nullable = false)
    private String externalId;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    private String username;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CustomerEntity() {}

    CustomerEntity(String tenantId, Customer profile, Instant now) {
        this.tenantId = tenantId;
        this.platform = profile.source().wireName();
        this.externalId = profile.externalId();
        this.firstName = profile.firstName();
        this.lastName = profile.lastName();
        this.username = profile.username();
        this.createdAt = now;
    }

    /** Keeps the name the platform now reports, when it reports one; true if the displayed name changed. */
    boolean updateProfile(Customer profile) {
        String before = displayName();
        if (profile.firstName() != null) {
            this.firstName = profile.firstName();
            this.lastName = profile.lastName();
        }
        if (profile.username() != null) {
            this.username = profile.username();
        }
        return !before.equals(displayName());
    }

    public Customer toContract() {
        return new Customer(
                id,
                Platform.valueOf(platform.toUpperCase(java.util.Locale.ROOT)),
                externalId,
                firstName,
                lastName,
                username);
    }

    String displayName() {
        String full = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        if (!full.isEmpty()) {
            return full;
        }
        return username != null ? username : externalId;
    }
}

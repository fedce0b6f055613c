package net.fiko.message.system;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * An entity whose UUID is assigned by the application, not the database. Spring Data would otherwise take every
 * such entity for an existing one and merge it (a lookup first, and a detached copy back); this one is new from its
 * constructor until it is stored or loaded.
 */
@MappedSuperclass
public abstract class AssignedIdEntity implements Persistable<UUID> {

    @Transient
    private boolean fresh;

    /** Marks an entity made by a constructor that assigns its id. */
    protected void markNew() {
        fresh = true;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostPersist
    @PostLoad
    void stored() {
        fresh = false;
    }
}

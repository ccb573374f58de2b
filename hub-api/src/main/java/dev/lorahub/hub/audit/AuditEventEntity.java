package dev.lorahub.hub.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One action of one caller. The actor's name is copied in, so the trail stays readable after an account is gone.
 * The target is a type and an id rather than a foreign key, so deleting a model keeps the record of its deletion.
 */
@Entity
@Table(name = "audit_event")
public class AuditEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public OffsetDateTime at;

    @Column(name = "actor_id")
    public Long actorId;

    @Column(name = "actor_name")
    public String actorName;

    public String address;

    public String action;

    @Column(name = "target_type")
    public String targetType;

    @Column(name = "target_id")
    public Long targetId;

    public String detail;
}

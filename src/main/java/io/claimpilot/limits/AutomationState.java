package io.claimpilot.limits;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The kill switch: one row, shared by every replica. */
@Entity
@Table(name = "automation_state")
public class AutomationState extends PanacheEntityBase {

    @Id
    public Integer id;
    public boolean paused;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public Instant changedAt;
    public String reason;
}

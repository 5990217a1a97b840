package io.claimpilot.limits;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** A daily automation budget set by an admin, overriding the configured default for its currency. */
@Entity
@Table(name = "automation_budget")
public class AutomationBudget extends PanacheEntityBase {

    @Id
    public String currency;
    @Column(name = "daily_limit")
    public BigDecimal dailyLimit;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public Instant changedAt;
}

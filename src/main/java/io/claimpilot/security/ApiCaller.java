package io.claimpilot.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A shop backend that sends claims. Claims belong to its id; its keys (one, or two while one is rotated) all carry it.
 * The primary key makes an id impossible to take twice.
 */
@Entity
@Table(name = "api_caller")
public class ApiCaller extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
}

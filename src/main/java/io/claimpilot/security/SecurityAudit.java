package io.claimpilot.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/**
 * Who changed who may act: users created and deactivated, keys issued, rotated and revoked, whether through the console,
 * the API or the offline {@code users} command. Rows are only ever added.
 */
@Entity
@Table(name = "security_audit")
public class SecurityAudit extends PanacheEntityBase {

    public enum Action {
        USER_CREATED,
        USER_DEACTIVATED,
        KEY_ISSUED,
        KEY_ROTATED,
        KEY_REVOKED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant at;
    public String actor;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Action action;
    public String subject;
    public String detail;

    /** In the caller's transaction, so the change and its row commit together. */
    public static void record(Instant at, String actor, Action action, String subject, String detail) {
        SecurityAudit row = new SecurityAudit();
        row.at = at;
        row.actor = actor;
        row.action = action;
        row.subject = subject;
        row.detail = detail;
        row.persist();
    }

    public static List<SecurityAudit> about(String subject) {
        return list("subject = ?1 order by id", subject);
    }

    public static List<SecurityAudit> latest(int count) {
        return find("order by id desc").page(0, count).list();
    }
}

package io.claimpilot.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/** A stored, immutable policy version. */
@Entity
@Table(name = "policy_version")
public class PolicyVersionRecord extends PanacheEntityBase {

    @Id
    public String hash;
    public String author;
    public String comment;
    @Column(name = "created_at")
    public Instant createdAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rule_names")
    public List<String> ruleNames;
    /** FOLDER: saved in the rules folder; UPLOAD: sent through the API. */
    public String origin;
    @JdbcTypeCode(SqlTypes.JSON)
    public ValidationReport validation;

    public static List<PolicyVersionRecord> newestFirst() {
        return list("order by createdAt desc, hash");
    }
}

package io.claimpilot.blocklist;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A customer id, e-mail or address whose claims always go to a person. Values are stored normalised. */
@Entity
@Table(name = "blocklist_entry")
public class BlocklistEntry extends PanacheEntityBase {

    public enum Kind { CUSTOMER_ID, EMAIL, ADDRESS }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;
    public String value;
    public String reason;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
}

package io.claimpilot.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;

/** One file of a stored policy version, byte for byte. */
@Entity
@Table(name = "policy_file")
@IdClass(PolicyFileRecord.Key.class)
public class PolicyFileRecord extends PanacheEntityBase {

    @Id
    @Column(name = "version_hash")
    public String versionHash;
    @Id
    public String name;
    public byte[] content;

    public record Key(String versionHash, String name) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    public static List<PolicyFileRecord> forVersion(String hash) {
        return list("versionHash = ?1 order by name", hash);
    }

    /** The stored files of a version as a source to compile, if the version is stored. */
    static java.util.Optional<PolicySource> sourceOf(String hash) {
        List<PolicyFile> files = forVersion(hash).stream().map(f -> new PolicyFile(f.name, f.content)).toList();
        return files.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new PolicySource(files));
    }
}

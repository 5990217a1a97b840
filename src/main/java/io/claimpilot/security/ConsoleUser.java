package io.claimpilot.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person who signs in to the console. Only the bcrypt hash of the password is stored; one role per user. */
@Entity
@Table(name = "console_user")
public class ConsoleUser extends PanacheEntityBase {

    @Id
    public String username;
    @Column(name = "password_hash")
    public String passwordHash;
    public String role;
    @Column(name = "display_name")
    public String displayName;
    public boolean demo;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;

    public static ConsoleUser findActive(String username) {
        return find("username = ?1 and active = true", username).firstResult();
    }

    public static long countActiveDemoUsers() {
        return count("demo = true and active = true");
    }
}

package org.scimee.jpa.example;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * An application's own customer entity, as the application had it before anyone thought of SCIM: a numeric
 * generated id, a login unique per tenant, one e-mail address, first and last name, an active flag, an optimistic
 * lock column, and audit timestamps (UTC) the entity maintains itself. Nothing in it knows about SCIM;
 * {@link CustomerUserStore} adapts to it.
 */
@Entity
@Table(name = "customer", uniqueConstraints = @UniqueConstraint(name = "customer_login_unique",
        columnNames = {"tenant", "login"}))
public class Customer {

    /** Column sizes, which the SCIM store checks before writing (a too-long value is the client's error). */
    public static final int TENANT_LENGTH = 64;
    public static final int LOGIN_LENGTH = 100;
    public static final int EMAIL_LENGTH = 254;
    public static final int NAME_LENGTH = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customer_seq")
    @SequenceGenerator(name = "customer_seq", sequenceName = "customer_seq")
    @Column(name = "id")
    private Long id;

    @Column(name = "tenant", length = TENANT_LENGTH, nullable = false)
    private String tenant;

    @Column(name = "login", length = LOGIN_LENGTH, nullable = false)
    private String login;

    @Column(name = "email", length = EMAIL_LENGTH)
    private String email;

    @Column(name = "first_name", length = NAME_LENGTH)
    private String firstName;

    @Column(name = "last_name", length = NAME_LENGTH)
    private String lastName;

    @Column(name = "active", nullable = false)
    private boolean active = true;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    public Customer() {
    }

    public Customer(String tenant, String login) {
        this.tenant = tenant;
        this.login = login;
    }

    @PrePersist
    void created() {
        // Milliseconds: every database keeps them exactly; finer digits get rounded, differently per database.
        createdAt = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        updatedAt = createdAt;
    }

    @PreUpdate
    void updated() {
        updatedAt = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    public Long getId() {
        return id;
    }

    public String getTenant() {
        return tenant;
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public long getVersion() {
        return version;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public LocalDateTime getUpdatedAt() {
        return updatedAt;
    }
}

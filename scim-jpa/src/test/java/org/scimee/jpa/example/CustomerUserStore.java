package org.scimee.jpa.example;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.scimee.error.InvalidCursorException;
import org.scimee.error.InvalidPathException;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.error.UniquenessException;
import org.scimee.jpa.example.CustomerMapping.InColumn;
import org.scimee.jpa.example.CustomerMapping.Nowhere;
import org.scimee.jpa.example.CustomerMapping.Place;
import org.scimee.path.ResolvedPath;
import org.scimee.query.SortOrder;
import org.scimee.query.SortSpec;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ChangeSet;
import org.scimee.store.ForResourceType;
import org.scimee.store.Page;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.ResourceStore;
import org.scimee.store.StoredResource;

/**
 * Serves {@code /Users} from the application's own {@link Customer} table (see {@link CustomerMapping} for which
 * attribute lives where). Every other resource type is served by the unqualified store (e.g. the JPA store).
 *
 * <p>How it keeps the {@link ResourceStore} promises:
 * <ul>
 *   <li>tenants: every statement has {@code c.tenant = :tenant}; a customer of another tenant is "not found";</li>
 *   <li>one unit of work: each call is one RESOURCE_LOCAL transaction on its own {@link EntityManager};</li>
 *   <li>versions: {@code meta.version} is the entity's {@code @Version}, so the application's own updates change the
 *       ETag too. Writes lock the row ({@code SELECT ... FOR UPDATE}) and compare {@code expectedVersion} under
 *       that lock, so two writers cannot both succeed against one version. A replace or PATCH that leaves the
 *       row as it was writes nothing and keeps the version (JPA only versions changed entities);</li>
 *   <li>userName is unique per tenant, case-insensitively as the schema says ({@code caseExact: false}): checked
 *       by a query in the same transaction, backed by the table's unique constraint on (tenant, login), which
 *       also turns a concurrent duplicate into 409. Two concurrent creates differing only in case can both pass
 *       the query; a unique index on {@code (tenant, lower(login))} closes that gap where the database has one.</li>
 *   <li>queries are pushed down to JPQL ({@link CustomerFilter}); sorting by the mapped attributes is
 *       {@code ORDER BY}, then by id; index paging is OFFSET/LIMIT plus a COUNT; cursor paging uses cursors that
 *       encode an offset (like the in-memory store's: they never expire, and pages may shift when customers are
 *       added or removed between requests). The projection is not pushed down: a row is a few columns.</li>
 * </ul>
 * Thread-safe: it holds only the factory and the registry.
 */
@ApplicationScoped
@ForResourceType("User")
public class CustomerUserStore implements ResourceStore {

    private static final String CURSOR_PREFIX = "customers:";

    private EntityManagerFactory factory;
    private SchemaRegistry registry;

    /** For CDI proxies. */
    protected CustomerUserStore() {
    }

    /**
     * @param factory  the application's factory for the unit that maps {@link Customer}, RESOURCE_LOCAL (an
     *                 application produces it, e.g. with a CDI producer method)
     * @param registry the schemas, to resolve filter and sort paths
     */
    @Inject
    public CustomerUserStore(EntityManagerFactory factory, SchemaRegistry registry) {
        this.factory = factory;
        this.registry = registry;
    }

    @Override
    public StoredResource create(String tenant, ResourceType type, JsonObject attributes) {
        return inTransaction(em -> {
            Customer customer = new Customer(tenant, null);
            CustomerMapping.write(attributes, customer);
            requireUniqueLogin(em, type, tenant, customer.getLogin(), null);
            em.persist(customer);
            em.flush(); // assigns the id and runs the unique constraint now, inside our try
            return CustomerMapping.toResource(customer, type.id());
        });
    }

    @Override
    public Optional<StoredResource> find(String tenant, ResourceType type, String id) {
        Long key = parseId(id);
        if (key == null) {
            return Optional.empty();
        }
        EntityManager em = factory.createEntityManager();
        try {
            return em.createQuery("SELECT c FROM Customer c WHERE c.id = :id AND c.tenant = :tenant", Customer.class)
                    .setParameter("id", key).setParameter("tenant", tenant)
                    .getResultStream().findFirst()
                    .map(customer -> CustomerMapping.toResource(customer, type.id()));
        } finally {
            em.close();
        }
    }

    @Override
    public StoredResource replace(String tenant, ResourceType type, String id, JsonObject attributes,
                                  OptionalLong expectedVersion) {
        return inTransaction(em -> {
            Customer customer = locked(em, tenant, type, id, expectedVersion);
            CustomerMapping.write(attributes, customer);
            requireUniqueLogin(em, type, tenant, customer.getLogin(), customer.getId());
            em.flush(); // bumps @Version if anything changed
            return CustomerMapping.toResource(customer, type.id());
        });
    }

    /**
     * PATCH in one transaction: the row is locked and its version checked, the changes are applied to the User
     * it is, and the result is written back through the same mapping as a replace (so a PATCH adding an attribute
     * the table cannot hold is refused the same way). An empty change set writes nothing and keeps the version.
     */
    @Override
    public StoredResource update(String tenant, ResourceType type, String id, ChangeSet changes,
                                 OptionalLong expectedVersion) {
        return inTransaction(em -> {
            Customer customer = locked(em, tenant, type, id, expectedVersion);
            JsonObject current = CustomerMapping.toResource(customer, type.id()).attributes();
            CustomerMapping.write(changes.applyTo(current), customer);
            requireUniqueLogin(em, type, tenant, customer.getLogin(), customer.getId());
            em.flush();
            return CustomerMapping.toResource(customer, type.id());
        });
    }

    @Override
    public void delete(String tenant, ResourceType type, String id, OptionalLong expectedVersion) {
        inTransaction(em -> {
            em.remove(locked(em, tenant, type, id, expectedVersion));
            return null;
        });
    }

    @Override
    public QueryResult query(String tenant, ResourceType type, ResourceQuery query) {
        String where = "c.tenant = :tenant";
        Map<String, Object> parameters = Map.of();
        if (query.filter() != null) {
            CustomerFilter.Condition condition = CustomerFilter.translate(registry, type, query.filter());
            where += " AND " + condition.jpql();
            parameters = condition.parameters();
        }
        String orderBy = orderBy(type, query.sort());
        EntityManager em = factory.createEntityManager();
        try {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(c) FROM Customer c WHERE " + where, Long.class);
            long total = bind(count, tenant, parameters).getSingleResult();
            int offset;
            if (query.page() instanceof Page.Cursor cursor) {
                offset = cursor.cursor() == null ? 0 : offset(cursor.cursor(), total);
            } else {
                offset = ((Page.Index) query.page()).startIndex() - 1;
            }
            int size = query.page().count();
            List<StoredResource> page = List.of();
            if (size > 0 && offset < total) {
                TypedQuery<Customer> select = em.createQuery(
                        "SELECT c FROM Customer c WHERE " + where + " ORDER BY " + orderBy, Customer.class);
                page = bind(select, tenant, parameters).setFirstResult(offset).setMaxResults(size)
                        .getResultList().stream().map(customer -> CustomerMapping.toResource(customer, type.id()))
                        .toList();
            }
            if (!(query.page() instanceof Page.Cursor)) {
                return QueryResult.of(total, page);
            }
            long end = (long) offset + page.size();
            String next = size > 0 && end < total ? cursor(end) : null;
            String previous = offset > 0 ? cursor(Math.max(0, offset - size)) : null;
            return new QueryResult(total, page, next, previous);
        } finally {
            em.close();
        }
    }

    /**
     * {@code ORDER BY} for a sortBy on a mapped attribute: case-insensitive attributes by {@code LOWER(column)},
     * customers without a value last when ascending and first when descending (RFC 7644 §3.4.2.3), ties by id.
     * Attributes the table cannot hold are unassigned for everybody, so they order by id alone.
     */
    private String orderBy(ResourceType type, Optional<SortSpec> sort) {
        String byId = CustomerMapping.ID + " ASC";
        if (sort.isEmpty()) {
            return byId;
        }
        SortSpec spec = sort.get();
        spec.comparator(registry, type); // the library's checks: unknown, complex or never-returned attributes
        ResolvedPath path = spec.sortBy().resolve(registry, type);
        if (path.subAttribute() == null && path.attribute().type() == AttributeType.COMPLEX) {
            path = new ResolvedPath(path.schema(), path.attribute(),
                    path.attribute().subAttribute("value").orElseThrow(), path.extension()); // emails: by value
        }
        Place place = CustomerMapping.place(path);
        if (place instanceof Nowhere) {
            return byId;
        }
        if (!(place instanceof InColumn column)) {
            throw new InvalidPathException("cannot sort by '" + spec.sortBy() + "': this server keeps Users in the "
                    + "application's customer table and sorts by id, userName, name.givenName, name.familyName, "
                    + "emails.value and active");
        }
        Attribute definition = column.definition();
        String expression = definition.type() == AttributeType.STRING && !definition.caseExact()
                ? "LOWER(" + column.jpql() + ")" : column.jpql();
        String direction = spec.order() == SortOrder.ASCENDING ? " ASC NULLS LAST" : " DESC NULLS FIRST";
        return expression + direction + ", " + byId;
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, String tenant, Map<String, Object> parameters) {
        query.setParameter("tenant", tenant);
        parameters.forEach(query::setParameter);
        return query;
    }

    /**
     * The customer, locked until the transaction ends, so the version check and the change are one step.
     *
     * @throws ResourceNotFoundException   if the tenant has no such customer
     * @throws PreconditionFailedException if it is not at {@code expectedVersion}
     */
    private static Customer locked(EntityManager em, String tenant, ResourceType type, String id,
                                   OptionalLong expectedVersion) {
        Long key = parseId(id);
        Customer customer = key == null ? null : em.createQuery(
                        "SELECT c FROM Customer c WHERE c.id = :id AND c.tenant = :tenant", Customer.class)
                .setParameter("id", key).setParameter("tenant", tenant)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
        if (customer == null) {
            throw new ResourceNotFoundException(type.name() + " " + id + " not found");
        }
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != customer.getVersion()) {
            throw new PreconditionFailedException(type.name() + " " + id + " is at version W/\""
                    + customer.getVersion() + "\", not the version given in If-Match");
        }
        return customer;
    }

    /** userName is {@code uniqueness: server} and {@code caseExact: false}: no other customer of the tenant may have it in any case. */
    private void requireUniqueLogin(EntityManager em, ResourceType type, String tenant, String login, Long self) {
        Attribute userName = registry.coreSchema(type).attribute("userName").orElseThrow();
        String column = userName.caseExact() ? "c.login" : "LOWER(c.login)";
        String value = userName.caseExact() ? login : login.toLowerCase(Locale.ROOT);
        long taken = em.createQuery("SELECT COUNT(c) FROM Customer c WHERE c.tenant = :tenant AND " + column
                        + " = :login AND c.id <> :self", Long.class)
                .setParameter("tenant", tenant).setParameter("login", value)
                .setParameter("self", self == null ? -1L : self)
                .getSingleResult();
        if (taken > 0) {
            throw taken(login, null);
        }
    }

    private static UniquenessException taken(String login, Throwable cause) {
        return new UniquenessException("userName " + (login == null ? "" : "'" + login + "' ")
                + "is already taken by another User", cause);
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                // the unique constraint on (tenant, login): a concurrent writer took the login after our check
                throw taken(null, e);
            }
            throw e;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    /** SQLState 23505 (H2, PostgreSQL) or MySQL/MariaDB's error 1062: a unique constraint refused the row. */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && ("23505".equals(sql.getSQLState()) || sql.getErrorCode() == 1062)) {
                return true;
            }
        }
        return false;
    }

    /** A SCIM id as the customer's key: the decimal digits {@code Long.toString} writes, else {@code null}. */
    static Long parseId(String id) {
        try {
            long key = Long.parseLong(id);
            return Long.toString(key).equals(id) ? key : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String cursor(long offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String cursor, long total) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                int offset = Integer.parseInt(text.substring(CURSOR_PREFIX.length()));
                if (offset >= 0 && offset <= total) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // not Base64 or not a number: falls through to the error below
        }
        throw new InvalidCursorException("the cursor '" + cursor + "' was not issued by this server");
    }
}

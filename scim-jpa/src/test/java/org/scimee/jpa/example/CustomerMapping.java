package org.scimee.jpa.example;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimee.error.InvalidValueException;
import org.scimee.path.ResolvedPath;
import org.scimee.schema.Attribute;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ResourceMeta;
import org.scimee.store.StoredResource;

/**
 * How a SCIM User lives in a {@link Customer} row: the one place that knows both sides.
 *
 * <pre>
 *   id                      ⇄ customer.id (a number; "42")
 *   userName                ⇄ customer.login
 *   name.givenName          ⇄ customer.first_name
 *   name.familyName         ⇄ customer.last_name
 *   emails[0].value         ⇄ customer.email (one address, read back as {"type":"work","primary":true})
 *   active                  ⇄ customer.active (absent on write means true: the column's default)
 *   meta.version            ⇄ customer.version (the entity's @Version)
 *   meta.created/lastModified ⇄ customer.created_at / updated_at (maintained by the entity itself)
 * </pre>
 *
 * Everything else a User may carry (displayName, externalId, phoneNumbers, the enterprise extension, ...) has no
 * column, and writing it is refused with 400 {@code invalidValue} naming the attributes: silently dropping them
 * would break the store's promise to return what it was given, and a client would never learn why its value
 * vanished.
 */
final class CustomerMapping {

    static final String WORK = "work";

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final JsonArray SCHEMAS = JSON.createArrayBuilder().add(SchemaRegistry.USER_SCHEMA).build();
    private static final String HOLDS = "it holds userName, name.givenName, name.familyName, one work e-mail address "
            + "and active";

    /** JPQL paths of the mapped columns, for queries over {@code Customer c}. */
    static final String ID = "c.id";
    static final String LOGIN = "c.login";
    static final String EMAIL = "c.email";
    static final String FIRST_NAME = "c.firstName";
    static final String LAST_NAME = "c.lastName";
    static final String ACTIVE = "c.active";

    private CustomerMapping() {
    }

    /** Where the value an attribute path names lives, for translating filters and sorts. */
    sealed interface Place {
    }

    /** In one column; {@code definition} is the schema's attribute (its type, its {@code caseExact}). */
    record InColumn(String jpql, Attribute definition) implements Place {
    }

    /** Nowhere: the table cannot hold it, so every customer has it unassigned. */
    record Nowhere() implements Place {
    }

    /**
     * Held, but not as a column of its own (e.g. {@code emails.type} is "work" whenever there is an e-mail,
     * {@code meta.*}): the example store does not filter or sort on these.
     */
    record Derived() implements Place {
    }

    /**
     * Where a path with a (single-valued, non-complex) target lives. A complex attribute named without
     * sub-attribute ({@code name}, {@code emails}) is answered by the caller from its sub-attributes.
     */
    static Place place(ResolvedPath path) {
        Attribute attribute = path.attribute();
        Optional<Attribute> sub = path.sub();
        if (path.extension()) {
            return new Nowhere();
        }
        if (path.schema().id().equals(SchemaRegistry.COMMON_SCHEMA)) {
            if (attribute.named("id")) {
                return new InColumn(ID, attribute);
            }
            return attribute.named("meta") ? new Derived() : new Nowhere();
        }
        if (attribute.named("userName")) {
            return new InColumn(LOGIN, attribute);
        }
        if (attribute.named("active")) {
            return new InColumn(ACTIVE, attribute);
        }
        if (attribute.named("name") && sub.isPresent()) {
            if (sub.get().named("givenName")) {
                return new InColumn(FIRST_NAME, sub.get());
            }
            if (sub.get().named("familyName")) {
                return new InColumn(LAST_NAME, sub.get());
            }
            return new Nowhere();
        }
        if (attribute.named("emails") && sub.isPresent()) {
            if (sub.get().named("value")) {
                return new InColumn(EMAIL, sub.get());
            }
            return sub.get().named("display") ? new Nowhere() : new Derived();
        }
        return new Nowhere();
    }

    /** The SCIM User a customer row is. */
    static StoredResource toResource(Customer customer, String resourceType) {
        JsonObjectBuilder user = JSON.createObjectBuilder()
                .add("schemas", SCHEMAS)
                .add("userName", customer.getLogin());
        if (customer.getFirstName() != null || customer.getLastName() != null) {
            JsonObjectBuilder name = JSON.createObjectBuilder();
            if (customer.getFirstName() != null) {
                name.add("givenName", customer.getFirstName());
            }
            if (customer.getLastName() != null) {
                name.add("familyName", customer.getLastName());
            }
            user.add("name", name);
        }
        if (customer.getEmail() != null) {
            user.add("emails", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                    .add("value", customer.getEmail()).add("type", WORK).add("primary", true)));
        }
        user.add("active", customer.isActive());
        return new StoredResource(Long.toString(customer.getId()), resourceType, user.build(),
                new ResourceMeta(millis(customer.getCreatedAt()), millis(customer.getUpdatedAt()), customer.getVersion()));
    }

    /** The columns hold UTC; the database may keep fewer fractional digits than the clock gives, milliseconds survive everywhere. */
    private static Instant millis(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Writes a User's attributes (validated and canonical, as the SPI hands them over) into {@code customer}.
     * Checks everything before changing anything, so a refused write leaves the entity as it was.
     *
     * @throws InvalidValueException if the attributes hold something the table cannot, or a value is too long
     */
    static void write(JsonObject attributes, Customer customer) {
        List<String> refused = new ArrayList<>();
        String login = null;
        String email = null;
        String firstName = null;
        String lastName = null;
        boolean active = true;
        for (Map.Entry<String, JsonValue> entry : attributes.entrySet()) {
            String key = entry.getKey();
            JsonValue value = entry.getValue();
            switch (key) {
                case "schemas" -> {
                    for (JsonValue urn : value.asJsonArray()) {
                        if (!SchemaRegistry.USER_SCHEMA.equals(string(urn))) {
                            refused.add("schema " + urn);
                        }
                    }
                }
                case "userName" -> login = string(value);
                case "active" -> active = value.getValueType() == JsonValue.ValueType.TRUE;
                case "name" -> {
                    for (Map.Entry<String, JsonValue> part : value.asJsonObject().entrySet()) {
                        switch (part.getKey()) {
                            case "givenName" -> firstName = string(part.getValue());
                            case "familyName" -> lastName = string(part.getValue());
                            default -> refused.add("name." + part.getKey());
                        }
                    }
                }
                case "emails" -> {
                    JsonArray emails = value.asJsonArray();
                    if (emails.size() > 1) {
                        refused.add("more than one of emails");
                    }
                    for (JsonValue element : emails) {
                        email = email(element.asJsonObject(), refused);
                    }
                }
                default -> {
                    if (value instanceof JsonObject extension && key.indexOf(':') >= 0) {
                        extension.keySet().forEach(name -> refused.add(key + ":" + name));
                    } else {
                        refused.add(key);
                    }
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new InvalidValueException("Users are kept in the application's customer table, which cannot hold "
                    + String.join(", ", refused) + "; " + HOLDS);
        }
        if (login == null) {
            throw new InvalidValueException("userName is required");
        }
        requireLength("userName", login, Customer.LOGIN_LENGTH);
        requireLength("emails.value", email, Customer.EMAIL_LENGTH);
        requireLength("name.givenName", firstName, Customer.NAME_LENGTH);
        requireLength("name.familyName", lastName, Customer.NAME_LENGTH);
        customer.setLogin(login);
        customer.setEmail(email);
        customer.setFirstName(firstName);
        customer.setLastName(lastName);
        customer.setActive(active);
    }

    /** The address of the one e-mail the table keeps, which must be (or may be read back as) the primary work one. */
    private static String email(JsonObject element, List<String> refused) {
        String address = null;
        for (Map.Entry<String, JsonValue> part : element.entrySet()) {
            switch (part.getKey()) {
                case "value" -> address = string(part.getValue());
                case "type" -> {
                    if (!WORK.equalsIgnoreCase(string(part.getValue()))) {
                        refused.add("emails.type " + part.getValue() + " (only \"work\")");
                    }
                }
                case "primary" -> {
                    if (part.getValue().getValueType() != JsonValue.ValueType.TRUE) {
                        refused.add("emails.primary false (the one address is the primary one)");
                    }
                }
                default -> refused.add("emails." + part.getKey());
            }
        }
        if (address == null) {
            refused.add("an e-mail without value");
        }
        return address;
    }

    private static void requireLength(String attribute, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidValueException(attribute + " is longer than the " + max + " characters the customer "
                    + "table holds");
        }
    }

    private static String string(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : null;
    }
}

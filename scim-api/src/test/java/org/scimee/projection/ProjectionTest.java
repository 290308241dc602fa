package org.scimee.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimee.error.InvalidPathException;
import org.scimee.error.InvalidValueException;
import org.scimee.error.ScimException;
import org.scimee.path.AttributePath;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ResourceMeta;
import org.scimee.store.StoredResource;

class ProjectionTest {

    private static final String OPS = "urn:example:extension:Ops";
    private static final String ENTERPRISE = SchemaRegistry.ENTERPRISE_USER_SCHEMA;

    /**
     * A resource type registered from JSON alone, with every {@code returned} value at the top level, on
     * sub-attributes of a single and a multi-valued complex attribute, on a complex attribute itself, and in an
     * extension.
     */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.builder().withDefaults()
            .schema(json("""
                    {"id":"urn:example:Device","name":"Device","attributes":[
                      {"name":"serial","returned":"always","caseExact":true},
                      {"name":"label"},
                      {"name":"diagnostics","returned":"request"},
                      {"name":"secret","returned":"never","mutability":"writeOnly"},
                      {"name":"location","type":"complex","subAttributes":[
                        {"name":"building"},{"name":"code","returned":"always"},
                        {"name":"room","returned":"request"},{"name":"pin","returned":"never"}]},
                      {"name":"interfaces","type":"complex","multiValued":true,"subAttributes":[
                        {"name":"value"},{"name":"mac","returned":"always"},
                        {"name":"counters","returned":"request"},{"name":"primary","type":"boolean"}]},
                      {"name":"probe","type":"complex","returned":"always","subAttributes":[
                        {"name":"status"},{"name":"detail","returned":"request"}]}]}"""))
            .schema(json("""
                    {"id":"urn:example:extension:Ops","name":"Ops","attributes":[
                      {"name":"owner"},{"name":"ticket","returned":"request"},
                      {"name":"token","returned":"never"},{"name":"rack","returned":"always"}]}"""))
            .resourceType(json("""
                    {"id":"Device","name":"Device","endpoint":"/Devices","schema":"urn:example:Device",
                     "schemaExtensions":[{"schema":"urn:example:extension:Ops","required":false}]}"""))
            .build();

    private static final ResourceType DEVICES = REGISTRY.resourceType("Device").orElseThrow();
    private static final ResourceType USERS = REGISTRY.resourceType("User").orElseThrow();
    private static final ResourceType GROUPS = REGISTRY.resourceType("Group").orElseThrow();

    private static final JsonObject DEVICE = json("""
            {"schemas":["urn:example:Device","urn:example:extension:Ops"],
             "id":"d1","externalId":"ext-1",
             "serial":"SN-1","label":"Core switch","diagnostics":"fan ok","secret":"s3cr3t",
             "location":{"building":"B1","code":"L-7","room":"101","pin":"0000"},
             "interfaces":[{"value":"eth0","mac":"aa","counters":"1/2","primary":true},
                           {"value":"eth1","mac":"bb","counters":"3/4"}],
             "probe":{"status":"up","detail":"rtt 3ms"},
             "urn:example:extension:Ops":{"owner":"netops","ticket":"T-9","token":"tok","rack":"R2"},
             "meta":{"resourceType":"Device","created":"2024-01-01T00:00:00Z","lastModified":"2024-01-02T00:00:00Z",
                     "location":"https://example.com/Devices/d1","version":"W/\\"3\\""}}""");

    /** What every response carries: schemas, id and the attributes returned always, with their default sub-attributes. */
    private static final String MINIMUM = """
            "schemas":["urn:example:Device","urn:example:extension:Ops"],"id":"d1","serial":"SN-1",
            "probe":{"status":"up"},"urn:example:extension:Ops":{"rack":"R2"}""";

    /** What a response carries when neither parameter is given. */
    private static final String DEFAULT_SET = """
            "schemas":["urn:example:Device","urn:example:extension:Ops"],"id":"d1","externalId":"ext-1",
            "serial":"SN-1","label":"Core switch","location":{"building":"B1","code":"L-7"},
            "interfaces":[{"value":"eth0","mac":"aa","primary":true},{"value":"eth1","mac":"bb"}],
            "probe":{"status":"up"},"urn:example:extension:Ops":{"owner":"netops","rack":"R2"},
            "meta":{"resourceType":"Device","created":"2024-01-01T00:00:00Z","lastModified":"2024-01-02T00:00:00Z",
                    "location":"https://example.com/Devices/d1","version":"W/\\"3\\""}""";

    static Stream<Arguments> deviceProjections() {
        return Stream.of(
                // neither parameter: always + default, never request or never
                row(null, null, "{" + DEFAULT_SET + "}"),
                row("", "  ", "{" + DEFAULT_SET + "}"),
                // attributes: minimum set plus what is named
                row("label", null, "{" + MINIMUM + ",\"label\":\"Core switch\"}"),
                row("diagnostics", null, "{" + MINIMUM + ",\"diagnostics\":\"fan ok\"}"),
                row("secret", null, "{" + MINIMUM + "}"),
                row("serial", null, "{" + MINIMUM + "}"),
                row("id,schemas", null, "{" + MINIMUM + "}"),
                row("location", null, "{" + MINIMUM + ",\"location\":{\"building\":\"B1\",\"code\":\"L-7\"}}"),
                row("location.room", null, "{" + MINIMUM + ",\"location\":{\"code\":\"L-7\",\"room\":\"101\"}}"),
                row("location.pin", null, "{" + MINIMUM + ",\"location\":{\"code\":\"L-7\"}}"),
                row("location,location.room", null,
                        "{" + MINIMUM + ",\"location\":{\"building\":\"B1\",\"code\":\"L-7\",\"room\":\"101\"}}"),
                row("interfaces.value", null,
                        "{" + MINIMUM + ",\"interfaces\":[{\"value\":\"eth0\",\"mac\":\"aa\"},{\"value\":\"eth1\",\"mac\":\"bb\"}]}"),
                row("interfaces.counters", null,
                        "{" + MINIMUM + ",\"interfaces\":[{\"mac\":\"aa\",\"counters\":\"1/2\"},{\"mac\":\"bb\",\"counters\":\"3/4\"}]}"),
                row("interfaces", null, "{" + MINIMUM
                        + ",\"interfaces\":[{\"value\":\"eth0\",\"mac\":\"aa\",\"primary\":true},{\"value\":\"eth1\",\"mac\":\"bb\"}]}"),
                // naming a sub-attribute of an always-attribute narrows it like any other
                row("probe.detail", null, MINIMUM.replace("{\"status\":\"up\"}", "{\"detail\":\"rtt 3ms\"}")
                        .transform(s -> "{" + s + "}")),
                // extension by bare URN (request attributes still need their own name) and by full path
                row(OPS, null, "{" + MINIMUM.replace("{\"rack\":\"R2\"}", "{\"owner\":\"netops\",\"rack\":\"R2\"}") + "}"),
                row(OPS + ":ticket", null, "{" + MINIMUM.replace("{\"rack\":\"R2\"}", "{\"ticket\":\"T-9\",\"rack\":\"R2\"}") + "}"),
                row(OPS + ":token", null, "{" + MINIMUM + "}"),
                row("meta.version", null, "{" + MINIMUM + ",\"meta\":{\"version\":\"W/\\\"3\\\"\"}}"),
                // the core schema URN as a prefix, and bare
                row("urn:example:Device:label", null, "{" + MINIMUM + ",\"label\":\"Core switch\"}"),
                row("urn:example:Device", null, "{" + DEFAULT_SET.replace("\"externalId\":\"ext-1\",", "")
                        .replaceAll(",\\s*\"meta\":\\{[^}]*}", "")
                        .replace("{\"owner\":\"netops\",\"rack\":\"R2\"}", "{\"rack\":\"R2\"}") + "}"),
                // names and URNs are case-insensitive; whitespace around items is ignored
                row(" LABEL , Location.BUILDING ", null,
                        "{" + MINIMUM + ",\"label\":\"Core switch\",\"location\":{\"building\":\"B1\",\"code\":\"L-7\"}}"),
                row(OPS.toUpperCase() + ":OWNER", null,
                        "{" + MINIMUM.replace("{\"rack\":\"R2\"}", "{\"owner\":\"netops\",\"rack\":\"R2\"}") + "}"),
                // unknown but well-formed names are ignored
                row("nonsense,label.nope,urn:example:Other:label,urn:example:extension:Ops:nope", null, "{" + MINIMUM + "}"),

                // excludedAttributes: default set minus what is named
                row(null, "label", "{" + DEFAULT_SET.replace("\"label\":\"Core switch\",", "") + "}"),
                row(null, "id,serial,schemas,probe", "{" + DEFAULT_SET + "}"),
                row(null, "diagnostics,secret", "{" + DEFAULT_SET + "}"),
                row(null, "location.building", "{" + DEFAULT_SET.replace("\"building\":\"B1\",", "") + "}"),
                row(null, "location.code", "{" + DEFAULT_SET + "}"),
                row(null, "interfaces.value", "{" + DEFAULT_SET.replace("\"value\":\"eth0\",", "").replace("\"value\":\"eth1\",", "") + "}"),
                row(null, "location,interfaces,externalId,meta", "{" + DEFAULT_SET
                        .replace("\"externalId\":\"ext-1\",", "")
                        .replaceAll("\"location\":\\{[^}]*},\\s*", "")
                        .replaceAll("\"interfaces\":\\[[^]]*],\\s*", "")
                        .replaceAll(",\\s*\"meta\":\\{[^}]*}", "") + "}"),
                row(null, OPS, "{" + DEFAULT_SET.replace("{\"owner\":\"netops\",\"rack\":\"R2\"}", "{\"rack\":\"R2\"}") + "}"),
                row(null, OPS + ":owner", "{" + DEFAULT_SET.replace("{\"owner\":\"netops\",\"rack\":\"R2\"}", "{\"rack\":\"R2\"}") + "}"),
                row(null, "LABEL,Unknown", "{" + DEFAULT_SET.replace("\"label\":\"Core switch\",", "") + "}"));
    }

    @ParameterizedTest(name = "[{index}] attributes={0} excludedAttributes={1}")
    @MethodSource("deviceProjections")
    void projectsACustomResourceTypeByItsReturnedCharacteristics(String attributes, String excluded, JsonObject expected) {
        assertThat(Projection.parse(REGISTRY, DEVICES, attributes, excluded).apply(DEVICE)).isEqualTo(expected);
    }

    private static final JsonObject USER = json("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "id":"u1","userName":"bjensen","password":"t1meMachine","displayName":"Babs",
             "name":{"givenName":"Barbara","familyName":"Jensen"},
             "emails":[{"value":"bj@example.com","type":"work","primary":true},{"value":"babs@example.org","type":"home"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984",
               "manager":{"value":"m1","displayName":"John"}},
             "meta":{"resourceType":"User","version":"W/\\"1\\""}}""");

    private static final String USER_SCHEMAS =
            "\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"]";

    static Stream<Arguments> userProjections() {
        return Stream.of(
                row("userName", null, "{" + USER_SCHEMAS + ",\"id\":\"u1\",\"userName\":\"bjensen\"}"),
                row("password", null, "{" + USER_SCHEMAS + ",\"id\":\"u1\"}"),
                row("name.givenName", null, "{" + USER_SCHEMAS + ",\"id\":\"u1\",\"name\":{\"givenName\":\"Barbara\"}}"),
                row("emails.value", null, "{" + USER_SCHEMAS
                        + ",\"id\":\"u1\",\"emails\":[{\"value\":\"bj@example.com\"},{\"value\":\"babs@example.org\"}]}"),
                row("emails.display", null, "{" + USER_SCHEMAS + ",\"id\":\"u1\"}"),
                row(ENTERPRISE + ":employeeNumber", null,
                        "{" + USER_SCHEMAS + ",\"id\":\"u1\",\"" + ENTERPRISE + "\":{\"employeeNumber\":\"701984\"}}"),
                row(ENTERPRISE + ":manager.value", null,
                        "{" + USER_SCHEMAS + ",\"id\":\"u1\",\"" + ENTERPRISE + "\":{\"manager\":{\"value\":\"m1\"}}}"),
                row(ENTERPRISE.toUpperCase(), null, "{" + USER_SCHEMAS + ",\"id\":\"u1\",\"" + ENTERPRISE
                        + "\":{\"employeeNumber\":\"701984\",\"manager\":{\"value\":\"m1\",\"displayName\":\"John\"}}}"),
                row(null, "id,password,userName,name,emails,displayName,meta," + ENTERPRISE, "{" + USER_SCHEMAS + ",\"id\":\"u1\"}"),
                row(null, ENTERPRISE + ":employeeNumber," + ENTERPRISE + ":manager", """
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                         "id":"u1","userName":"bjensen","displayName":"Babs",
                         "name":{"givenName":"Barbara","familyName":"Jensen"},
                         "emails":[{"value":"bj@example.com","type":"work","primary":true},{"value":"babs@example.org","type":"home"}],
                         "meta":{"resourceType":"User","version":"W/\\"1\\""}}"""));
    }

    @ParameterizedTest(name = "[{index}] attributes={0} excludedAttributes={1}")
    @MethodSource("userProjections")
    void projectsUsersWithTheEnterpriseExtension(String attributes, String excluded, JsonObject expected) {
        assertThat(Projection.parse(REGISTRY, USERS, attributes, excluded).apply(USER)).isEqualTo(expected);
    }

    @Test
    void passwordIsNeverReturnedAndIdAlwaysIs() {
        for (Projection projection : List.of(
                Projection.defaults(REGISTRY, USERS),
                Projection.parse(REGISTRY, USERS, "password,id", null),
                Projection.parse(REGISTRY, USERS, null, "id"),
                Projection.parse(REGISTRY, USERS, "PASSWORD", null))) {
            JsonObject result = projection.apply(USER);
            assertThat(result).as(projection.toString()).doesNotContainKey("password").containsEntry("id", Json.createValue("u1"));
            assertThat(projection.includes(AttributePath.of("password"))).isFalse();
            assertThat(projection.includes(AttributePath.of("id"))).isTrue();
        }
    }

    @Test
    void listsFromASearchRequestBodyWorkLikeTheQueryParameters() {
        assertThat(Projection.of(REGISTRY, USERS, List.of("userName", "name.familyName"), null).apply(USER))
                .isEqualTo(Projection.parse(REGISTRY, USERS, "userName,name.familyName", null).apply(USER));
        assertThat(Projection.of(REGISTRY, USERS, List.of(), List.of("emails")).apply(USER))
                .isEqualTo(Projection.parse(REGISTRY, USERS, null, "emails").apply(USER));
        assertThat(Projection.of(REGISTRY, USERS, null, null).apply(USER)).isEqualTo(Projection.defaults(REGISTRY, USERS).apply(USER));
    }

    @Test
    void appliesToAStoredResourceRepresentation() {
        StoredResource stored = new StoredResource("g1", "Group", json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Admins",
                 "members":[{"value":"u1","display":"Babs"}]}"""),
                new ResourceMeta(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z"), 7));
        JsonObject full = stored.toJson(GROUPS, "https://example.com/Groups/g1");

        assertThat(Projection.parse(REGISTRY, GROUPS, null, "members,meta").apply(full)).isEqualTo(json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g1","displayName":"Admins"}"""));
        assertThat(Projection.parse(REGISTRY, GROUPS, "meta.version", null).apply(full)).isEqualTo(json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g1","meta":{"version":"W/\\"7\\""}}"""));
        assertThat(Projection.defaults(REGISTRY, GROUPS).apply(full)).isEqualTo(full);
    }

    @Test
    void tellsAStoreWhatItNeedNotRead() {
        Projection noMembers = Projection.parse(REGISTRY, GROUPS, null, "members");
        assertThat(noMembers.includes(AttributePath.of("members"))).isFalse();
        assertThat(noMembers.includes(AttributePath.parse("members.value"))).isFalse();
        assertThat(noMembers.includes(AttributePath.of("displayName"))).isTrue();
        assertThat(noMembers.topLevelKeys()).containsExactly("schemas", "id", "externalId", "meta", "displayName");

        Projection label = Projection.parse(REGISTRY, DEVICES, "label", null);
        assertThat(label.topLevelKeys()).containsExactly("schemas", "id", "serial", "label", "probe", OPS);
        assertThat(label.includes(AttributePath.parse(OPS + ":rack"))).isTrue();
        assertThat(label.includes(AttributePath.parse(OPS + ":owner"))).isFalse();
        assertThat(label.includes(AttributePath.parse("location.code"))).isFalse();

        Projection room = Projection.parse(REGISTRY, DEVICES, "location.room", null);
        assertThat(room.includes(AttributePath.parse("location.room"))).isTrue();
        assertThat(room.includes(AttributePath.parse("location.code"))).isTrue();
        assertThat(room.includes(AttributePath.parse("location.building"))).isFalse();
        assertThat(room.includes(AttributePath.of("nonsense"))).isFalse();

        Projection defaults = Projection.defaults(REGISTRY, DEVICES);
        assertThat(defaults.includes(AttributePath.of("diagnostics"))).isFalse();
        assertThat(defaults.includes(AttributePath.parse("location.room"))).isFalse();
        assertThat(defaults.topLevelKeys()).doesNotContain("diagnostics", "secret").contains("label", OPS);

        Projection noEnterprise = Projection.parse(REGISTRY, USERS, "userName", null);
        assertThat(noEnterprise.topLevelKeys()).containsExactly("schemas", "id", "userName");
        assertThat(noEnterprise.apply(USER)).doesNotContainKey(ENTERPRISE);
    }

    @Test
    void bothParametersAreMutuallyExclusive() {
        assertThatThrownBy(() -> Projection.parse(REGISTRY, USERS, "userName", "emails"))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((ScimException) e).scimType()).isEqualTo("invalidValue");
        assertThatThrownBy(() -> Projection.of(REGISTRY, USERS, List.of("userName"), List.of("emails")))
                .isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"emails[type eq \"work\"]", "name.givenName.x", "userName,", ",userName", "user name",
            "urn:ietf:params:scim:schemas:core:2.0:User:", "9lives", "emails.", "*"})
    void syntacticallyInvalidPathsAreRefused(String parameter) {
        assertThatThrownBy(() -> Projection.parse(REGISTRY, USERS, parameter, null))
                .isInstanceOf(InvalidPathException.class)
                .extracting(e -> ((ScimException) e).scimType()).isEqualTo("invalidPath");
        assertThatThrownBy(() -> Projection.parse(REGISTRY, USERS, null, parameter)).isInstanceOf(InvalidPathException.class);
    }

    private static Arguments row(String attributes, String excluded, String expected) {
        return Arguments.of(attributes, excluded, json(expected));
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}

package org.scimee.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.scimee.error.InvalidSyntaxException;
import org.scimee.error.InvalidValueException;
import org.scimee.error.MutabilityException;
import org.scimee.error.ScimException;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;

class ResourceValidatorTest {

    private final SchemaRegistry registry = SchemaRegistry.defaults();
    private final ResourceValidator validator = new ResourceValidator(registry);
    private final ResourceType users = registry.resourceType("User").orElseThrow();
    private final ResourceType groups = registry.resourceType("Group").orElseThrow();

    @Test
    void canonicalisesNamesDropsReadOnlyAndNullsAndFillsSchemas() {
        JsonObject result = validator.forCreate(users, json("""
                {"USERNAME":"bjensen","id":"client-chosen","meta":{"version":"x"},"nickName":null,
                 "Name":{"GivenName":"Barbara"},"groups":[{"value":"g1"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user":{"employeeNumber":"701984"}}"""));
        assertThat(result.getString("userName")).isEqualTo("bjensen");
        assertThat(result.getJsonObject("name").getString("givenName")).isEqualTo("Barbara");
        assertThat(result).doesNotContainKeys("id", "meta", "nickName", "groups", "USERNAME");
        assertThat(result.getJsonObject(SchemaRegistry.ENTERPRISE_USER_SCHEMA).getString("employeeNumber")).isEqualTo("701984");
        assertThat(result.getJsonArray("schemas").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString)
                .containsExactly(SchemaRegistry.USER_SCHEMA, SchemaRegistry.ENTERPRISE_USER_SCHEMA);
    }

    @Test
    void requiredAttributesComeFromTheSchema() {
        assertError(() -> validator.forCreate(users, json("{\"displayName\":\"No Name\"}")),
                InvalidValueException.class, "'userName' is required");
        assertError(() -> validator.forCreate(users, json("{\"userName\":null}")),
                InvalidValueException.class, "'userName' is required");
        assertError(() -> validator.forCreate(groups, json("{\"members\":[]}")),
                InvalidValueException.class, "'displayName' is required");
    }

    @Test
    void typesAreChecked() {
        assertError(() -> validator.forCreate(users, json("{\"userName\":42}")), InvalidValueException.class, "'userName' must be a string");
        assertError(() -> validator.forCreate(users, json("{\"userName\":\"a\",\"active\":\"yes\"}")),
                InvalidValueException.class, "'active' must be a boolean");
        assertError(() -> validator.forCreate(users, json("{\"userName\":\"a\",\"emails\":{\"value\":\"a@b\"}}")),
                InvalidValueException.class, "'emails' is multi-valued");
        assertError(() -> validator.forCreate(users, json("{\"userName\":\"a\",\"name\":\"Barbara\"}")),
                InvalidValueException.class, "'name' must be a JSON object");
        assertError(() -> validator.forCreate(users, json("{\"userName\":\"a\",\"x509Certificates\":[{\"value\":\"***\"}]}")),
                InvalidValueException.class, "'x509Certificates.value' must be a base64 string");
    }

    @Test
    void canonicalValuesAreEnforcedOnlyWhereASchemaDeclaresThemStrict() {
        SchemaRegistry custom = SchemaRegistry.builder().withDefaults()
                .schema(json("""
                        {"id":"urn:example:Ticket","attributes":[
                          {"name":"state","canonicalValues":["open","closed"],"strictCanonicalValues":true},
                          {"name":"kind","canonicalValues":["bug","task"]}]}"""))
                .resourceType(json("{\"id\":\"Ticket\",\"endpoint\":\"/Tickets\",\"schema\":\"urn:example:Ticket\"}"))
                .build();
        ResourceValidator tickets = new ResourceValidator(custom);
        ResourceType ticket = custom.resourceType("Ticket").orElseThrow();
        JsonObject stored = tickets.forCreate(ticket, json("{\"state\":\"OPEN\",\"kind\":\"story\"}"));
        assertThat(stored.getString("state")).isEqualTo("open");
        assertThat(stored.getString("kind")).isEqualTo("story");
        assertError(() -> tickets.forCreate(ticket, json("{\"state\":\"pending\"}")), InvalidValueException.class,
                "'state' must be one of [open, closed]");
        // The RFC's own canonical values stay suggestions: Entra sends email types outside them.
        assertThat(validator.forCreate(users, json("{\"userName\":\"a\",\"emails\":[{\"value\":\"a@b\",\"type\":\"sip\"}]}"))
                .getJsonArray("emails")).hasSize(1);
    }

    @Test
    void aProfileMayAcceptBooleansAndNumbersSentAsStrings() {
        JsonObject body = json("{\"userName\":\"a\",\"active\":\"False\"}");
        assertError(() -> validator.forCreate(users, body), InvalidValueException.class, "'active' must be a boolean");
        JsonObject lenient = validator.forCreate(users, body, ResourceValidator.Coercion.STRING_SCALARS);
        assertThat(lenient.get("active")).isEqualTo(jakarta.json.JsonValue.FALSE);
        assertError(() -> validator.forCreate(users, json("{\"userName\":\"a\",\"active\":\"nope\"}"),
                ResourceValidator.Coercion.STRING_SCALARS), InvalidValueException.class, "'active' must be a boolean");
    }

    @Test
    void unknownAttributesAndSchemasAreRefused() {
        assertError(() -> validator.forCreate(users, json("{\"userName\":\"a\",\"shoeSize\":44}")),
                InvalidSyntaxException.class, "'shoeSize' is not defined");
        assertError(() -> validator.forCreate(users, json("{\"userName\":\"a\",\"name\":{\"nick\":\"x\"}}")),
                InvalidSyntaxException.class, "'name.nick' is not defined");
        assertError(() -> validator.forCreate(users, json("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"urn:x\"],\"userName\":\"a\"}")),
                InvalidValueException.class, "schema 'urn:x'");
        assertError(() -> validator.forCreate(users, json("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"userName\":\"a\"}")),
                InvalidValueException.class, "schema 'urn:ietf:params:scim:schemas:core:2.0:Group'");
        assertError(() -> validator.forCreate(users, json("{\"userName\":\"a\",\"username\":\"b\"}")),
                InvalidSyntaxException.class, "more than once");
    }

    @Test
    void replaceRefusesChangedImmutableValuesAndKeepsOmittedOnes() {
        SchemaRegistry custom = SchemaRegistry.builder().withDefaults()
                .schema(json("""
                        {"id":"urn:example:Device","attributes":[
                          {"name":"serial","mutability":"immutable"},
                          {"name":"label"},
                          {"name":"board","type":"complex","subAttributes":[
                            {"name":"vendor","mutability":"immutable"},{"name":"revision"}]}]}"""))
                .resourceType(json("{\"id\":\"Device\",\"endpoint\":\"/Devices\",\"schema\":\"urn:example:Device\"}"))
                .build();
        ResourceValidator devices = new ResourceValidator(custom);
        ResourceType device = custom.resourceType("Device").orElseThrow();
        JsonObject current = devices.forCreate(device, json("{\"serial\":\"S1\",\"label\":\"a\",\"board\":{\"vendor\":\"V\",\"revision\":\"1\"}}"));

        JsonObject same = devices.forReplace(device, json("{\"serial\":\"S1\",\"label\":\"b\"}"), current);
        assertThat(same.getString("label")).isEqualTo("b");
        assertThat(same.getJsonObject("board")).isEqualTo(json("{\"vendor\":\"V\"}"));

        JsonObject omitted = devices.forReplace(device, json("{\"board\":{\"revision\":\"2\"}}"), current);
        assertThat(omitted.getString("serial")).isEqualTo("S1");
        assertThat(omitted.getJsonObject("board")).isEqualTo(json("{\"revision\":\"2\",\"vendor\":\"V\"}"));
        assertThat(omitted).doesNotContainKey("label");

        assertError(() -> devices.forReplace(device, json("{\"serial\":\"S2\"}"), current),
                MutabilityException.class, "'serial' is immutable");
        assertError(() -> devices.forReplace(device, json("{\"serial\":\"S1\",\"board\":{\"vendor\":\"W\"}}"), current),
                MutabilityException.class, "'board.vendor' is immutable");
    }

    private static void assertError(Runnable call, Class<? extends ScimException> type, String detail) {
        assertThatThrownBy(call::run).isInstanceOf(type).hasMessageContaining(detail);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

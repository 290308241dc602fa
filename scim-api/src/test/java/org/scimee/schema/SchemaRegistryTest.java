package org.scimee.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

    private final SchemaRegistry registry = SchemaRegistry.defaults();

    @Test
    void loadsTheRfcSchemasWithEveryCharacteristic() {
        Schema user = registry.schema(SchemaRegistry.USER_SCHEMA).orElseThrow();
        Attribute userName = user.attribute("USERNAME").orElseThrow();
        assertThat(userName.name()).isEqualTo("userName");
        assertThat(userName.required()).isTrue();
        assertThat(userName.caseExact()).isFalse();
        assertThat(userName.uniqueness()).isEqualTo(Uniqueness.SERVER);

        Attribute password = user.attribute("password").orElseThrow();
        assertThat(password.mutability()).isEqualTo(Mutability.WRITE_ONLY);
        assertThat(password.returned()).isEqualTo(Returned.NEVER);

        Attribute emails = user.attribute("emails").orElseThrow();
        assertThat(emails.multiValued()).isTrue();
        assertThat(emails.type()).isEqualTo(AttributeType.COMPLEX);
        assertThat(emails.subAttribute("Type").orElseThrow().canonicalValues()).contains("work", "home", "other");

        Attribute members = registry.schema(SchemaRegistry.GROUP_SCHEMA).orElseThrow().attribute("members").orElseThrow();
        assertThat(members.subAttribute("$ref").orElseThrow().referenceTypes()).containsExactlyInAnyOrder("User", "Group");
        assertThat(members.subAttribute("value").orElseThrow().mutability()).isEqualTo(Mutability.IMMUTABLE);

        assertThat(registry.schema(SchemaRegistry.ENTERPRISE_USER_SCHEMA.toUpperCase())).isPresent();
        assertThat(registry.common().attribute("id").orElseThrow().returned()).isEqualTo(Returned.ALWAYS);
    }

    @Test
    void servesUserAndGroupResourceTypesByEndpoint() {
        ResourceType users = registry.resourceTypeAt("Users").orElseThrow();
        assertThat(users.id()).isEqualTo("User");
        assertThat(users.schema()).isEqualTo(SchemaRegistry.USER_SCHEMA);
        assertThat(users.extension(SchemaRegistry.ENTERPRISE_USER_SCHEMA)).get()
                .extracting(SchemaExtension::required).isEqualTo(false);
        assertThat(registry.resourceTypeAt("Groups")).get().extracting(ResourceType::schema).isEqualTo(SchemaRegistry.GROUP_SCHEMA);
        assertThat(registry.resourceTypeAt("Nope")).isEmpty();
    }

    @Test
    void registersACustomResourceTypeFromJsonAlone() {
        SchemaRegistry custom = SchemaRegistry.builder().withDefaults()
                .schema(json("""
                        {"id":"urn:example:Device","name":"Device","attributes":[
                          {"name":"serial","required":true,"uniqueness":"server"},
                          {"name":"ports","type":"integer","multiValued":true}]}"""))
                .resourceType(json("""
                        {"id":"Device","name":"Device","endpoint":"/Devices","schema":"urn:example:Device"}"""))
                .build();
        ResourceType devices = custom.resourceTypeAt("Devices").orElseThrow();
        Attribute serial = custom.coreSchema(devices).attribute("serial").orElseThrow();
        // RFC 7643 §2.2 defaults fill what the JSON leaves out.
        assertThat(serial.type()).isEqualTo(AttributeType.STRING);
        assertThat(serial.mutability()).isEqualTo(Mutability.READ_WRITE);
        assertThat(serial.returned()).isEqualTo(Returned.DEFAULT);
        assertThat(serial.uniqueness()).isEqualTo(Uniqueness.SERVER);
    }

    @Test
    void refusesResourceTypesThatNameUnknownSchemasOrCollide() {
        assertThatThrownBy(() -> SchemaRegistry.builder().resourceType(json("""
                {"id":"X","endpoint":"/X","schema":"urn:nowhere"}"""))).hasMessageContaining("unknown schema urn:nowhere");
        assertThatThrownBy(() -> SchemaRegistry.builder().withDefaults().resourceType(json("""
                {"id":"People","endpoint":"/Users","schema":"urn:ietf:params:scim:schemas:core:2.0:User"}""")))
                .hasMessageContaining("share endpoint /Users");
        assertThatThrownBy(() -> SchemaRegistry.builder().schema(json("""
                {"id":"urn:x","attributes":[{"name":"a","type":"complex"}]}"""))).hasMessageContaining("no subAttributes");
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

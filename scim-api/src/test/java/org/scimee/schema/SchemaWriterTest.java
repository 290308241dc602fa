package org.scimee.schema;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class SchemaWriterTest {

    private final SchemaRegistry registry = SchemaRegistry.defaults();

    @Test
    void writtenSchemasReadBackToTheSameModel() {
        for (Schema schema : registry.schemas()) {
            JsonObject json = SchemaWriter.schema(schema, "https://example.com/v2/Schemas/" + schema.id());
            SchemaRegistry reread = SchemaRegistry.builder().schema(json).build();
            assertThat(reread.schema(schema.id())).contains(schema);
            assertThat(json.getJsonObject("meta").getString("resourceType")).isEqualTo("Schema");
        }
    }

    @Test
    void writtenResourceTypesReadBackToTheSameModel() {
        SchemaRegistry.Builder builder = SchemaRegistry.builder();
        registry.schemas().forEach(s -> builder.schema(SchemaWriter.schema(s, "x")));
        for (ResourceType type : registry.resourceTypes()) {
            builder.resourceType(SchemaWriter.resourceType(type, "https://example.com/v2/ResourceTypes/" + type.id()));
        }
        SchemaRegistry reread = builder.build();
        assertThat(reread.resourceTypes()).containsExactlyElementsOf(registry.resourceTypes());
    }
}

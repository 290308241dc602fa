package org.scimee.jpa;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.scimee.schema.SchemaRegistry;

/**
 * The RFC 7643 schemas plus a test extension of User with every attribute type the core schemas lack (integer,
 * decimal, dateTime, a case-exact string, multi-valued simple and complex attributes, a unique case-exact value).
 */
final class TestSchemas {

    static final String ENTERPRISE = SchemaRegistry.ENTERPRISE_USER_SCHEMA;
    static final String EXTRA = "urn:scimee:test:2.0:Extra";

    private TestSchemas() {
    }

    static SchemaRegistry registry() {
        return SchemaRegistry.builder().withDefaults()
                .schema(json("""
                        {"id":"%s","name":"Extra","attributes":[
                          {"name":"level","type":"integer"},
                          {"name":"score","type":"decimal"},
                          {"name":"hired","type":"dateTime"},
                          {"name":"vip","type":"boolean"},
                          {"name":"code","type":"string","caseExact":true},
                          {"name":"badgeNumber","type":"string","caseExact":true,"uniqueness":"server"},
                          {"name":"homepage","type":"reference","referenceTypes":["external"]},
                          {"name":"tags","type":"string","multiValued":true},
                          {"name":"badges","type":"complex","multiValued":true,"subAttributes":[
                            {"name":"value","type":"string"},
                            {"name":"level","type":"integer"},
                            {"name":"primary","type":"boolean"}]}
                        ]}""".formatted(EXTRA)))
                .resourceType(json("""
                        {"id":"User","name":"User","endpoint":"/Users","schema":"urn:ietf:params:scim:schemas:core:2.0:User",
                         "schemaExtensions":[{"schema":"%s","required":false},{"schema":"%s","required":false}]}"""
                        .formatted(ENTERPRISE, EXTRA)))
                .build();
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

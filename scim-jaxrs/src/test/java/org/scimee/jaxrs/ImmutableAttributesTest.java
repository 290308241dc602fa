package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;
import org.scimee.jaxrs.scenario.ScimService;
import org.scimee.schema.SchemaRegistry;

/**
 * RFC 7643 §2.2 {@code immutable} through PUT: "the input value(s) MUST match, or HTTP status code 400 SHOULD be
 * returned with a scimType error code of mutability". The default schemas have immutable attributes only inside
 * multi-valued {@code Group.members}, where PUT replaces whole elements, so this runs on a server that also serves
 * a {@code Device} resource type with an immutable {@code serialNumber} and an immutable {@code firmware.vendor}.
 * In-process only: the real servers serve the default schemas.
 */
class ImmutableAttributesTest implements ScimService {

    static final String DEVICE = "urn:example:scim:schemas:Device";

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .randomBearerToken()
            .beanClass(DeviceSchemas.class));

    /** The defaults plus a Device type; as an enabled alternative it replaces the real registry producer's. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class DeviceSchemas {

        @Produces
        @Singleton
        SchemaRegistry registry() {
            return SchemaRegistry.builder().withDefaults()
                    .schema(read("""
                            {"id":"%s","name":"Device","description":"A device","attributes":[
                              {"name":"serialNumber","type":"string","multiValued":false,"required":false,"caseExact":true,
                               "mutability":"immutable","returned":"default","uniqueness":"none"},
                              {"name":"displayName","type":"string","multiValued":false,"required":false,"caseExact":false,
                               "mutability":"readWrite","returned":"default","uniqueness":"none"},
                              {"name":"firmware","type":"complex","multiValued":false,"required":false,
                               "mutability":"readWrite","returned":"default","uniqueness":"none","subAttributes":[
                                {"name":"vendor","type":"string","multiValued":false,"required":false,"caseExact":false,
                                 "mutability":"immutable","returned":"default","uniqueness":"none"},
                                {"name":"version","type":"string","multiValued":false,"required":false,"caseExact":false,
                                 "mutability":"readWrite","returned":"default","uniqueness":"none"}]}]}""".formatted(DEVICE)))
                    .resourceType(read("""
                            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],"id":"Device","name":"Device",
                             "endpoint":"/Devices","description":"Device","schema":"%s","schemaExtensions":[]}""".formatted(DEVICE)))
                    .build();
        }

        private static JsonObject read(String json) {
            return SchemaRegistry.Builder.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Override
    public URI base() {
        return SERVER.base();
    }

    @Override
    public String token() {
        return SERVER.token();
    }

    @Override
    public int maxRequestBytes() {
        return 1024 * 1024;
    }

    @Test
    void putMayRepeatOrOmitAnImmutableValueButNotChangeIt() throws Exception {
        String serial = "SN-" + UUID.randomUUID();
        HttpResponse<String> created = send(request("Devices").POST(body("""
                {"schemas":["%s"],"serialNumber":"%s","displayName":"Printer","firmware":{"vendor":"Acme","version":"1.0"}}"""
                .formatted(DEVICE, serial))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created.body()).getJsonObject("meta").getString("resourceType")).isEqualTo("Device");
        String path = "Devices/" + json(created.body()).getString("id");

        HttpResponse<String> same = send(request(path).PUT(body("""
                {"serialNumber":"%s","displayName":"Printer 2","firmware":{"vendor":"Acme","version":"1.1"}}""".formatted(serial))));
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(json(same.body()).getJsonObject("firmware").getString("version")).isEqualTo("1.1");

        HttpResponse<String> omitted = send(request(path).PUT(body("{\"displayName\":\"Printer 3\",\"firmware\":{\"version\":\"1.2\"}}")));
        assertThat(omitted.statusCode()).as(omitted.body()).isEqualTo(200);
        JsonObject kept = json(omitted.body());
        assertThat(kept.getString("serialNumber")).as("an immutable value can never be cleared").isEqualTo(serial);
        assertThat(kept.getJsonObject("firmware").getString("vendor")).isEqualTo("Acme");
        assertThat(kept.getJsonObject("meta").getString("version")).isEqualTo("W/\"3\"");

        assertScimError(send(request(path).PUT(body("{\"serialNumber\":\"SN-other\",\"displayName\":\"Printer 3\"}"))), 400, "mutability");
        assertScimError(send(request(path).PUT(body("{\"serialNumber\":\"" + serial.toLowerCase() + "\"}"))), 400, "mutability");
        assertScimError(send(request(path).PUT(body("{\"firmware\":{\"vendor\":\"Other\",\"version\":\"1.2\"}}"))), 400, "mutability");

        HttpResponse<String> after = send(request(path).GET());
        assertThat(json(after.body())).isEqualTo(kept);
    }

    @Test
    void theExtraResourceTypeIsDiscoverable() throws Exception {
        HttpResponse<String> type = send(request("ResourceTypes/Device").GET());
        assertThat(type.statusCode()).isEqualTo(200);
        assertThat(json(type.body()).getString("endpoint")).isEqualTo("/Devices");
        assertThat(send(request("Schemas/" + DEVICE).GET()).statusCode()).isEqualTo(200);
        assertThat(json(send(request("ResourceTypes").GET()).body()).getInt("totalResults")).isEqualTo(3);
    }
}

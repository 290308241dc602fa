package org.scimee.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimee.jaxrs.scenario.ScimService;

/** The example WAR's {@code Device} type, registered from JSON in its microprofile-config.properties only. */
interface CustomResourceTypeScenarios extends ScimService {

    @Test
    default void aResourceTypeDefinedInJsonIsServedValidatedFilteredAndProjected() throws Exception {
        JsonObject type = json(send(request("ResourceTypes/Device").GET()).body());
        assertThat(type.getString("endpoint")).isEqualTo("/Devices");

        String serial = "SN-" + UUID.randomUUID();
        HttpResponse<String> created = send(request("Devices").POST(body("""
                {"schemas":["urn:example:scim:schemas:Device"],"serialNumber":"%s","displayName":"Laptop",
                 "active":true,"ports":[80,443],"enrolled":"2026-12-01T10:00:00Z"}""".formatted(serial))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject device = json(created.body());
        assertThat(device.getJsonObject("meta").getString("resourceType")).isEqualTo("Device");

        assertScimError(send(request("Devices").POST(body("{\"displayName\":\"no serial\"}"))), 400, "invalidValue");
        assertScimError(send(request("Devices").POST(body("{\"serialNumber\":\"x\",\"ports\":[\"eighty\"]}"))), 400, "invalidValue");
        assertScimError(send(request("Devices/" + device.getString("id")).PUT(body("{\"serialNumber\":\"changed\"}"))), 400, "mutability");

        String filter = URLEncoder.encode("serialNumber eq \"" + serial + "\" and ports eq 443 and enrolled gt \"2026-01-01T00:00:00Z\"",
                StandardCharsets.UTF_8).replace("+", "%20");
        JsonObject found = json(send(request("Devices?filter=" + filter + "&attributes=displayName").GET()).body());
        assertThat(found.getInt("totalResults")).isEqualTo(1);
        assertThat(found.getJsonArray("Resources").getJsonObject(0).keySet()).containsExactlyInAnyOrder("schemas", "id", "displayName");
    }
}

package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.assertScimJson;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7644 §4: /ServiceProviderConfig, /ResourceTypes and /Schemas. */
public interface DiscoveryScenarios extends ScimService {

    String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    @Test
    default void discoveryServesTheRegisteredSchemasAndResourceTypes() throws Exception {
        JsonObject types = json(send(request("ResourceTypes").GET()).body());
        assertThat(types.getJsonArray("Resources").getValuesAs(JsonObject.class)).extracting(t -> t.getString("id"))
                .contains("User", "Group");
        JsonObject user = json(send(request("ResourceTypes/User").GET()).body());
        assertThat(user.getString("endpoint")).isEqualTo("/Users");
        assertThat(user.getJsonObject("meta").getString("location")).endsWith("/scim/v2/ResourceTypes/User");

        JsonObject schema = json(send(request("Schemas/urn:ietf:params:scim:schemas:core:2.0:User").GET()).body());
        assertThat(schema.getJsonArray("attributes").getValuesAs(JsonObject.class))
                .anySatisfy(a -> assertThat(a.getString("name")).isEqualTo("userName"));
        assertThat(json(send(request("Schemas").GET()).body()).getInt("totalResults")).isGreaterThanOrEqualTo(3);
        assertScimError(send(request("Schemas?filter=id%20pr").GET()), 403, null);
        assertScimError(send(request("ResourceTypes/Nope").GET()), 404, null);
    }

    @Test
    default void serviceProviderConfigDescribesTheServer() throws Exception {
        HttpResponse<String> response = send(request("ServiceProviderConfig").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject config = json(response.body());
        assertThat(config.getJsonArray("schemas").getString(0)).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        assertThat(config.getJsonArray("authenticationSchemes").getJsonObject(0).getString("type")).isEqualTo("oauthbearertoken");
        assertThat(config.getJsonObject("filter").getBoolean("supported")).isTrue();
        assertThat(config.getJsonObject("sort").getBoolean("supported")).isTrue();
        assertThat(config.getJsonObject("bulk").getInt("maxOperations")).isEqualTo(1000);
        assertThat(config.getJsonObject("pagination").getBoolean("cursor")).isTrue();
    }

    @Test
    default void serviceProviderConfigAdvertisesEtagsAndItsLocation() throws Exception {
        HttpResponse<String> response = send(request("ServiceProviderConfig").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertScimJson(response);
        JsonObject config = json(response.body());
        assertThat(config.getJsonObject("etag").getBoolean("supported")).isTrue();
        for (String feature : List.of("patch", "bulk", "filter", "changePassword", "sort")) {
            assertThat(config.getJsonObject(feature).get("supported")).as(feature).isNotNull();
        }
        assertThat(config.getJsonObject("meta").getString("resourceType")).isEqualTo("ServiceProviderConfig");
        assertThat(config.getJsonObject("meta").getString("location")).endsWith("/scim/v2/ServiceProviderConfig");
        assertThat(response.body()).doesNotContain(token());
    }

    @Test
    default void resourceTypesAndSchemasAreListsWithLocations() throws Exception {
        HttpResponse<String> typesResponse = send(request("ResourceTypes").GET());
        assertThat(typesResponse.statusCode()).isEqualTo(200);
        assertScimJson(typesResponse);
        JsonObject types = json(typesResponse.body());
        assertThat(types.getJsonArray("schemas").getString(0)).isEqualTo(LIST_RESPONSE);
        assertThat(types.getJsonArray("Resources").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("id")).contains("User", "Group");

        JsonObject group = json(send(request("ResourceTypes/Group").GET()).body());
        assertThat(group.getString("endpoint")).isEqualTo("/Groups");
        assertThat(group.getString("schema")).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Group");
        JsonObject user = json(send(request("ResourceTypes/User").GET()).body());
        assertThat(user.getJsonArray("schemaExtensions").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("schema")).contains("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");

        HttpResponse<String> schemasResponse = send(request("Schemas").GET());
        assertThat(schemasResponse.statusCode()).isEqualTo(200);
        assertScimJson(schemasResponse);
        JsonObject schemas = json(schemasResponse.body());
        assertThat(schemas.getJsonArray("schemas").getString(0)).isEqualTo(LIST_RESPONSE);
        assertThat(schemas.getInt("totalResults")).isEqualTo(schemas.getJsonArray("Resources").size());
        List<JsonObject> all = schemas.getJsonArray("Resources").getValuesAs(JsonObject.class);
        assertThat(all).extracting(s -> s.getString("id")).contains(
                "urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        for (JsonObject schema : all) {
            String id = schema.getString("id");
            assertThat(schema.getJsonObject("meta").getString("location")).as(id).endsWith("/scim/v2/Schemas/" + id);
            HttpResponse<String> one = send(request("Schemas/" + id).GET());
            assertThat(one.statusCode()).as(id).isEqualTo(200);
            assertScimJson(one);
            assertThat(json(one.body())).as(id).isEqualTo(schema);
        }

        JsonObject userSchema = json(send(request("Schemas/urn:ietf:params:scim:schemas:core:2.0:User").GET()).body());
        JsonObject password = userSchema.getJsonArray("attributes").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("name").equals("password")).findFirst().orElseThrow();
        assertThat(password.getString("returned")).isEqualTo("never");
        assertThat(password.getString("mutability")).isEqualTo("writeOnly");
    }

    @Test
    default void discoveryRefusesFiltersAndUnknownIds() throws Exception {
        assertScimError(send(request("ResourceTypes?filter=id%20eq%20%22User%22").GET()), 403, null);
        assertScimError(send(request("Schemas?filter=id%20pr").GET()), 403, null);
        assertScimError(send(request("Schemas/urn:ietf:params:scim:schemas:core:2.0:Nope").GET()), 404, null);
        assertScimError(send(request("ResourceTypes/Gadget").GET()), 404, null);
    }

    @Test
    default void discoveryAnswersScimJsonWhateverTheAcceptHeader() throws Exception {
        for (String path : List.of("ServiceProviderConfig", "ResourceTypes", "ResourceTypes/User", "Schemas",
                "Schemas/urn:ietf:params:scim:schemas:core:2.0:Group")) {
            for (String accept : List.of("application/json", "application/scim+json", "*/*")) {
                HttpResponse<String> response = send(request(path).header("Accept", accept).GET());
                assertThat(response.statusCode()).as(path + " " + accept).isEqualTo(200);
                assertScimJson(response);
                assertThat(json(response.body()).getJsonArray("schemas").getValuesAs(JsonString.class)).isNotEmpty();
            }
        }
    }
}

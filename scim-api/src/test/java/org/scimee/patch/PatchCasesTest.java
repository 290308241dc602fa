package org.scimee.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.scimee.error.ScimException;
import org.scimee.resource.ResourceValidator;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;

/**
 * Runs the table of PATCH cases in {@code src/test/resources/patch-cases/*.json}, one file per theme. Each case:
 * {@code name}, {@code profile} ({@code rfc} or {@code default}), {@code resourceType} ({@code User},
 * {@code Group} or the custom {@code Device}), {@code before} (canonical attributes), {@code patch} (the request
 * body) and either {@code after} (the expected canonical attributes) or {@code error} ({@code status},
 * {@code scimType}, {@code detailContains}); optionally {@code rewritten} (whether a tolerance must, or must not,
 * have been applied).
 */
class PatchCasesTest {

    static final SchemaRegistry REGISTRY = registry();
    private static final PatchEngine ENGINE = new PatchEngine(REGISTRY);
    private static final ResourceValidator VALIDATOR = new ResourceValidator(REGISTRY);

    static SchemaRegistry registry() {
        return SchemaRegistry.builder().withDefaults()
                .schema(read("/patch-schemas/Device.json"))
                .resourceType(read("/patch-schemas/DeviceType.json"))
                .build();
    }

    static JsonObject read(String resource) {
        try (InputStream in = PatchCasesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            try (JsonReader reader = Json.createReader(in)) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> caseFiles() {
        try (Stream<Path> files = Files.list(Path.of(PatchCasesTest.class.getResource("/patch-cases").toURI()))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonObject> cases(Path file) {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(file))) {
            return reader.readArray().getValuesAs(JsonObject.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theTableIsLargeAndNamesAreUnique() {
        Set<String> names = new HashSet<>();
        int count = 0;
        for (Path file : caseFiles()) {
            for (JsonObject c : cases(file)) {
                count++;
                assertThat(names.add(c.getString("name"))).as("duplicate case name " + c.getString("name")).isTrue();
                assertThat(c.getString("profile")).isIn("rfc", "default");
                assertThat(c.containsKey("after") ^ c.containsKey("error")).as(c.getString("name")).isTrue();
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(200);
    }

    @TestFactory
    Stream<DynamicNode> patchCases() {
        List<DynamicNode> files = new ArrayList<>();
        for (Path file : caseFiles()) {
            List<DynamicNode> tests = new ArrayList<>();
            for (JsonObject c : cases(file)) {
                tests.add(DynamicTest.dynamicTest(c.getString("name"), () -> run(c)));
            }
            files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), tests));
        }
        return files.stream();
    }

    private static void run(JsonObject c) {
        CompatibilityProfile profile = CompatibilityProfile.named(c.getString("profile"));
        ResourceType type = REGISTRY.resourceType(c.getString("resourceType")).orElseThrow();
        JsonObject before = c.getJsonObject("before");
        JsonValue body = c.get("patch");
        PatchResult result;
        try {
            if (!(body instanceof JsonObject object)) {
                throw new org.scimee.error.InvalidSyntaxException("not an object");
            }
            result = ENGINE.apply(type, before, PatchRequest.parse(object, profile), profile);
        } catch (ScimException e) {
            if (!c.containsKey("error")) {
                fail("expected success, got " + e.status() + " " + e.scimType() + ": " + e.detail());
            }
            JsonObject error = c.getJsonObject("error");
            assertThat(e.status()).as("status; detail: " + e.detail()).isEqualTo(error.getInt("status"));
            assertThat(e.scimType()).as("scimType; detail: " + e.detail()).isEqualTo(error.getString("scimType", null));
            assertThat(e.detail()).contains(error.getString("detailContains", ""));
            return;
        }
        if (c.containsKey("error")) {
            fail("expected " + c.getJsonObject("error") + ", got success " + result.attributes());
        }
        JsonObject after = c.getJsonObject("after");
        assertThat(result.attributes()).as("after").isEqualTo(after);
        assertThat(result.changes().applyTo(before)).as("changes.applyTo(before); changes " + result.changes())
                .isEqualTo(after);
        assertThat(VALIDATOR.forCreate(type, result.attributes())).as("canonical").isEqualTo(result.attributes());
        if (c.containsKey("rewritten")) {
            if (c.getBoolean("rewritten")) {
                assertThat(result.rewrites()).as("rewrites").isNotEmpty();
            } else {
                assertThat(result.rewrites()).as("rewrites").isEmpty();
            }
        }
    }
}

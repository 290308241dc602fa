package org.scimee.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimee.error.ScimException;
import org.scimee.resource.ResourceValidator;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ChangeSet;

/**
 * Property tests over seeded random resources and PATCH bodies (no property-testing library): the engine only
 * ever throws {@link ScimException}s with status 400, a failure leaves the input as it was, every success is
 * canonical and valid, and its change set turns the input into the result.
 */
class PatchPropertiesTest {

    private static final int CASES = 1500;
    private static final SchemaRegistry REGISTRY = PatchCasesTest.REGISTRY;
    private static final PatchEngine ENGINE = new PatchEngine(REGISTRY);
    private static final ResourceValidator VALIDATOR = new ResourceValidator(REGISTRY);

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 2024L, 77777L, -5L})
    void engineInvariants(long seed) {
        RandomPatches gen = new RandomPatches(seed, REGISTRY);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            ResourceType type = gen.type();
            JsonObject before = gen.resource(type);
            String beforeText = before.toString();
            JsonObject body = gen.body(type);
            CompatibilityProfile profile = gen.profile();
            String context = "seed " + seed + " case " + i + " profile " + profile + " type " + type.id()
                    + "\nbefore " + before + "\npatch " + body;
            PatchResult result;
            try {
                result = ENGINE.apply(type, before, PatchRequest.parse(body, profile), profile);
            } catch (ScimException e) {
                assertThat(e.status()).as(context).isEqualTo(400);
                assertThat(e.scimType()).as(context).isIn("invalidSyntax", "invalidPath", "noTarget", "invalidValue",
                        "mutability", "tooMany");
                assertThat(e.detail()).as(context).isNotBlank();
                assertThat(before.toString()).as(context).isEqualTo(beforeText);
                assertThat(before).as(context).isEqualTo(parse(beforeText));
                outcomes.merge(e.scimType(), 1, Integer::sum);
                if (System.getProperty("patch.debug") != null && e.scimType().equals(System.getProperty("patch.debug"))) {
                    System.out.println("DEBUG " + e.detail().replaceAll("Operations\\[\\d+\\] \\([^)]*\\)", "OP"));
                }
                continue;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("not a ScimException: " + e + "\n" + context, e);
            }
            JsonObject after = result.attributes();
            assertThat(before.toString()).as(context).isEqualTo(beforeText);
            assertThat(VALIDATOR.forCreate(type, after)).as("canonical and valid: " + context).isEqualTo(after);
            assertThat(result.changes().applyTo(before)).as("changes: " + result.changes() + "\n" + context).isEqualTo(after);
            assertThat(ChangeSet.between(before, after)).isEqualTo(result.changes());
            if (after.equals(before)) {
                assertThat(result.changes().isEmpty()).as(context).isTrue();
            }
            // deterministic: the same request gives the same result
            assertThat(ENGINE.apply(type, before, PatchRequest.parse(body, profile), profile).attributes()).isEqualTo(after);
            if (profile == CompatibilityProfile.RFC) {
                assertThat(result.rewrites()).as(context).isEmpty();
            }
            outcomes.merge(after.equals(before) ? "unchanged" : "changed", 1, Integer::sum);
        }
        // the generator must exercise both successes and every kind of failure, or the property says little
        assertThat(outcomes.getOrDefault("changed", 0)).as(outcomes.toString()).isGreaterThan(CASES / 10);
        assertThat(outcomes).as(outcomes.toString()).containsKeys("invalidSyntax", "invalidPath", "invalidValue",
                "mutability", "noTarget", "unchanged");
    }

    @ParameterizedTest
    @ValueSource(longs = {3L, 99L, 123456L})
    void changeSetBetweenAnyTwoResourcesReproducesTheSecond(long seed) {
        RandomPatches gen = new RandomPatches(seed, REGISTRY);
        for (int i = 0; i < CASES; i++) {
            ResourceType type = gen.type();
            JsonObject a = gen.resource(type);
            JsonObject b = gen.random().nextInt(4) == 0 ? a : gen.resource(type);
            ChangeSet changes = ChangeSet.between(a, b);
            if (!changes.applyTo(a).equals(b)) {
                fail("seed " + seed + " case " + i + ": " + changes + "\na " + a + "\nb " + b);
            }
            assertThat(changes.isEmpty()).isEqualTo(a.equals(b));
        }
    }

    private static JsonObject parse(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

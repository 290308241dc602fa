package org.scimee.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.scimee.error.InvalidFilterException;
import org.scimee.schema.Attribute;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;

class ValueFilterPredicateTest {

    private final SchemaRegistry registry = SchemaRegistry.defaults();
    private final ResourceType users = registry.resourceType("User").orElseThrow();
    private final FilterEvaluator evaluator = new FilterEvaluator(registry, users);
    private final Attribute emails = registry.coreSchema(users).attribute("emails").orElseThrow();
    private final Attribute manager = registry.schema(SchemaRegistry.ENTERPRISE_USER_SCHEMA).orElseThrow()
            .attribute("manager").orElseThrow();

    @Test
    void testsOneValueOfTheAttribute() {
        Predicate<JsonObject> work = evaluator.compileValueFilter(emails, Filter.parse("type eq \"WORK\" and primary eq true"));
        assertThat(work.test(Json.createObjectBuilder().add("type", "work").add("primary", true).build())).isTrue();
        assertThat(work.test(Json.createObjectBuilder().add("type", "work").build())).isFalse();
        Predicate<JsonObject> byValue = evaluator.compileValueFilter(manager, Filter.parse("value eq \"m1\""));
        assertThat(byValue.test(Json.createObjectBuilder().add("value", "M1").build())).isTrue();
        assertThat(byValue.test(Json.createObjectBuilder().build())).isFalse();
    }

    @Test
    void checksTheFilterAgainstTheSubAttributes() {
        assertThatThrownBy(() -> evaluator.compileValueFilter(emails, Filter.parse("kind eq \"x\"")))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> evaluator.compileValueFilter(emails, Filter.parse("primary eq \"true\"")))
                .isInstanceOf(InvalidFilterException.class);
        Attribute userName = registry.coreSchema(users).attribute("userName").orElseThrow();
        assertThatThrownBy(() -> evaluator.compileValueFilter(userName, Filter.parse("value eq \"x\"")))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("not a complex attribute");
    }
}

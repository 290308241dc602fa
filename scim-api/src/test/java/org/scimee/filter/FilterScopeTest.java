package org.scimee.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scimee.error.InvalidFilterException;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;

class FilterScopeTest {

    private final SchemaRegistry registry = SchemaRegistry.defaults();
    private final ResourceType groups = registry.resourceType("Group").orElseThrow();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "displayName eq \"Admins\" or userName eq \"bob\"  | displayName eq \"Admins\"",
            "userName eq \"bob\" or displayName eq \"Admins\"  | displayName eq \"Admins\"",
            "userName eq \"bob\" and displayName eq \"Admins\" | NONE",
            "userName eq \"bob\"                               | NONE",
            "not (userName eq \"bob\")                         | ALL",
            "not (userName eq \"bob\") and displayName pr      | displayName pr",
            "not (userName eq \"bob\") or displayName pr       | ALL",
            "emails[type eq \"work\"] or members pr           | members pr",
            "not (displayName eq \"x\")                        | not (displayName eq \"x\")",
    })
    void unknownAttributesMatchNothingOfTheType(String filter, String expected) {
        FilterScope.Scoped scoped = FilterScope.restrict(Filter.parse(filter), registry, groups);
        switch (expected) {
            case "ALL" -> assertThat(scoped).isInstanceOf(FilterScope.All.class);
            case "NONE" -> assertThat(scoped).isInstanceOf(FilterScope.None.class);
            default -> assertThat(scoped).isEqualTo(new FilterScope.Narrowed(Filter.parse(expected)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "displayName gt true",
            "members[nosuch eq \"x\"]",
    })
    void errorsThatAreNotAboutAMissingAttributeStayErrors(String filter) {
        assertThatThrownBy(() -> FilterScope.restrict(Filter.parse(filter), registry, groups))
                .isInstanceOf(InvalidFilterException.class);
    }
}

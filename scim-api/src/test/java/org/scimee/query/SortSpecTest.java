package org.scimee.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimee.error.InvalidPathException;
import org.scimee.error.InvalidValueException;
import org.scimee.error.ScimException;
import org.scimee.path.AttributePath;
import org.scimee.projection.Projection;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;

class SortSpecTest {

    /** A resource type registered from JSON alone, with one attribute per sortable type and shape. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.builder().withDefaults()
            .schema(json("""
                    {"id":"urn:example:Item","name":"Item","attributes":[
                      {"name":"code","caseExact":true},
                      {"name":"title"},
                      {"name":"rank","type":"integer"},
                      {"name":"price","type":"decimal"},
                      {"name":"due","type":"dateTime"},
                      {"name":"done","type":"boolean"},
                      {"name":"tags","multiValued":true},
                      {"name":"contacts","type":"complex","multiValued":true,"subAttributes":[
                        {"name":"value"},{"name":"kind"},{"name":"primary","type":"boolean"}]},
                      {"name":"spec","type":"complex","subAttributes":[{"name":"size","type":"integer"}]},
                      {"name":"blobs","type":"complex","multiValued":true,"subAttributes":[{"name":"data"}]},
                      {"name":"pin","returned":"never"},
                      {"name":"note","returned":"request"}]}"""))
            .resourceType(json("""
                    {"id":"Item","name":"Item","endpoint":"/Items","schema":"urn:example:Item"}"""))
            .build();

    private static final ResourceType ITEMS = REGISTRY.resourceType("Item").orElseThrow();
    private static final ResourceType USERS = REGISTRY.resourceType("User").orElseThrow();

    static Stream<Arguments> itemOrders() {
        return Stream.of(
                // caseExact strings: code point order, so upper case before lower case
                row("code", "ascending", """
                        [{"id":"a","code":"b"},{"id":"b","code":"B"},{"id":"c","code":"a"},{"id":"d","code":"A"}]""", "d,b,c,a"),
                // caseExact false: case ignored, ties keep input order
                row("title", null, """
                        [{"id":"a","title":"b"},{"id":"b","title":"B"},{"id":"c","title":"a"},{"id":"d","title":"A"}]""", "c,d,a,b"),
                row("title", "descending", """
                        [{"id":"a","title":"b"},{"id":"b","title":"B"},{"id":"c","title":"a"},{"id":"d","title":"A"}]""", "a,b,c,d"),
                row("title", null, """
                        [{"id":"a","title":"STRASSE"},{"id":"b","title":"Straße"},{"id":"c","title":"strasse"},
                         {"id":"d","title":"Strand"}]""", "d,a,b,c"),
                // beyond the BMP: code points, not UTF-16 units (U+1F600 sorts after U+FF21)
                row("code", null, """
                        [{"id":"a","code":"\\uD83D\\uDE00"},{"id":"b","code":"\\uFF21"}]""", "b,a"),
                // numbers numerically, not as text
                row("rank", null, """
                        [{"id":"a","rank":10},{"id":"b","rank":9},{"id":"c","rank":100},{"id":"d","rank":-1}]""", "d,b,a,c"),
                row("price", "DESCENDING", """
                        [{"id":"a","price":1.5},{"id":"b","price":1.25},{"id":"c","price":2},{"id":"d","price":1.50}]""", "c,a,d,b"),
                // dateTimes chronologically, whatever their offset
                row("due", null, """
                        [{"id":"c","due":"2023-12-31T23:30:00-10:00"},{"id":"b","due":"2024-01-01T09:00:00Z"},
                         {"id":"a","due":"2024-01-01T10:00:00+02:00"}]""", "a,b,c"),
                // booleans: false before true
                row("done", null, """
                        [{"id":"a","done":true},{"id":"b","done":false},{"id":"c","done":true},{"id":"d","done":false}]""", "b,d,a,c"),
                row("done", "descending", """
                        [{"id":"a","done":true},{"id":"b","done":false},{"id":"c","done":true},{"id":"d","done":false}]""", "a,c,b,d"),
                // multi-valued: the primary value, else the first; complex without sub-attribute sorts by 'value'
                row("tags", null, """
                        [{"id":"a","tags":["z","a"]},{"id":"b","tags":["m"]},{"id":"c","tags":[]}]""", "b,a,c"),
                row("contacts", null, """
                        [{"id":"a","contacts":[{"value":"x"},{"value":"b","primary":true}]},
                         {"id":"b","contacts":[{"value":"c"}]},
                         {"id":"c","contacts":[{"value":"a"},{"value":"z"}]}]""", "c,a,b"),
                row("contacts.kind", null, """
                        [{"id":"a","contacts":[{"value":"1","kind":"w"},{"value":"2","kind":"h","primary":true}]},
                         {"id":"b","contacts":[{"value":"3","kind":"a"},{"value":"4","kind":"z"}]},
                         {"id":"c","contacts":[{"value":"5"},{"value":"6","kind":"b"}]}]""", "b,a,c"),
                row("spec.size", null, """
                        [{"id":"a","spec":{"size":3}},{"id":"b","spec":{"size":1}},{"id":"c","spec":{}}]""", "b,a,c"),
                // no data: last when ascending, first when descending; absent, null and ill-typed alike
                row("rank", "ascending", """
                        [{"id":"a"},{"id":"b","rank":2},{"id":"c","rank":null},{"id":"d","rank":1},{"id":"e","rank":"7"}]""",
                        "d,b,a,c,e"),
                row("rank", "descending", """
                        [{"id":"a"},{"id":"b","rank":2},{"id":"c","rank":null},{"id":"d","rank":1},{"id":"e","rank":"7"}]""",
                        "a,c,e,b,d"),
                row("title", "descending", """
                        [{"id":"a","title":"m"},{"id":"b"},{"id":"c","title":"z"}]""", "b,c,a"),
                // request-only attributes may be sorted by; names and order are case-insensitive
                row("NOTE", "Descending", """
                        [{"id":"a","note":"x"},{"id":"b","note":"y"}]""", "b,a"),
                row("urn:example:Item:rank", null, """
                        [{"id":"a","rank":2},{"id":"b","rank":1}]""", "b,a"));
    }

    @ParameterizedTest(name = "[{index}] sortBy={0} sortOrder={1}")
    @MethodSource("itemOrders")
    void sortsACustomResourceTypeBySchemaType(String sortBy, String sortOrder, JsonArray resources, String expectedIds) {
        SortSpec spec = SortSpec.parse(sortBy, sortOrder).orElseThrow();
        assertThat(ids(sorted(resources, spec.comparator(REGISTRY, ITEMS)))).isEqualTo(List.of(expectedIds.split(",")));
    }

    static Stream<Arguments> userOrders() {
        return Stream.of(
                row("userName", null, """
                        [{"id":"1","userName":"carol"},{"id":"2","userName":"Alice"},{"id":"3","userName":"bob"}]""", "2,3,1"),
                row("emails", null, """
                        [{"id":"1","emails":[{"value":"z@x"},{"value":"a@x","primary":true}]},
                         {"id":"2","emails":[{"value":"m@x"}]}]""", "1,2"),
                row("emails.type", "descending", """
                        [{"id":"1","emails":[{"value":"a@x","type":"work"}]},{"id":"2","emails":[{"value":"b@x","type":"home"}]},
                         {"id":"3"}]""", "3,1,2"),
                row("meta.lastModified", null, """
                        [{"id":"1","meta":{"lastModified":"2024-05-01T00:00:00Z"}},
                         {"id":"2","meta":{"lastModified":"2024-04-30T23:59:59.5Z"}}]""", "2,1"),
                row("id", "descending", """
                        [{"id":"a"},{"id":"B"},{"id":"c"}]""", "c,a,B"),
                row(SchemaRegistry.ENTERPRISE_USER_SCHEMA + ":employeeNumber", null, """
                        [{"id":"1","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"9"}},
                         {"id":"2"},
                         {"id":"3","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"10"}}]""",
                        "3,1,2"),
                row(SchemaRegistry.ENTERPRISE_USER_SCHEMA + ":manager.displayName", null, """
                        [{"id":"1","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"displayName":"zed"}}},
                         {"id":"2","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"displayName":"Amy"}}}]""",
                        "2,1"));
    }

    @ParameterizedTest(name = "[{index}] sortBy={0} sortOrder={1}")
    @MethodSource("userOrders")
    void sortsUsers(String sortBy, String sortOrder, JsonArray resources, String expectedIds) {
        SortSpec spec = SortSpec.parse(sortBy, sortOrder).orElseThrow();
        assertThat(ids(sorted(resources, spec.comparator(REGISTRY, USERS)))).isEqualTo(List.of(expectedIds.split(",")));
    }

    @Test
    void tiesKeepTheirInputOrderInBothDirections() {
        JsonArray resources = json("""
                {"r":[{"id":"1","rank":5},{"id":"2","rank":5},{"id":"3","rank":4},{"id":"4","rank":5},{"id":"5"},{"id":"6"}]}""")
                .getJsonArray("r");
        AttributePath rank = AttributePath.of("rank");
        assertThat(ids(sorted(resources, new SortSpec(rank, SortOrder.ASCENDING).comparator(REGISTRY, ITEMS))))
                .containsExactly("3", "1", "2", "4", "5", "6");
        assertThat(ids(sorted(resources, new SortSpec(rank, SortOrder.DESCENDING).comparator(REGISTRY, ITEMS))))
                .containsExactly("5", "6", "1", "2", "4", "3");
    }

    @Test
    void sortingAndProjectionWorkTogetherOnACustomType() {
        JsonArray resources = json("""
                {"r":[{"schemas":["urn:example:Item"],"id":"1","title":"beta","rank":1,"pin":"1111","note":"n1"},
                      {"schemas":["urn:example:Item"],"id":"2","title":"Alpha","rank":2,"pin":"2222","note":"n2"}]}""")
                .getJsonArray("r");
        Projection projection = Projection.parse(REGISTRY, ITEMS, "title,pin,note", null);
        List<JsonObject> page = sorted(resources, SortSpec.parse("title", null).orElseThrow().comparator(REGISTRY, ITEMS))
                .stream().map(projection::apply).toList();
        assertThat(page).containsExactly(
                json("""
                        {"schemas":["urn:example:Item"],"id":"2","title":"Alpha","note":"n2"}"""),
                json("""
                        {"schemas":["urn:example:Item"],"id":"1","title":"beta","note":"n1"}"""));
    }

    @Test
    void parsesTheQueryParameters() {
        assertThat(SortSpec.parse(null, null)).isEmpty();
        assertThat(SortSpec.parse("  ", "descending")).isEmpty();
        assertThat(SortSpec.parse("name.givenName", null)).contains(
                new SortSpec(new AttributePath(null, "name", "givenName"), SortOrder.ASCENDING));
        assertThat(SortSpec.parse(" userName ", "DeScEnDiNg").orElseThrow().order()).isEqualTo(SortOrder.DESCENDING);
        assertThat(SortSpec.parse("userName", "").orElseThrow().order()).isEqualTo(SortOrder.ASCENDING);
        assertThat(new SortSpec(AttributePath.of("userName"), null).order()).isEqualTo(SortOrder.ASCENDING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "asc", "desc", "ascending,descending"})
    void refusesUnknownSortOrders(String sortOrder) {
        assertThatThrownBy(() -> SortSpec.parse("userName", sortOrder))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((ScimException) e).scimType()).isEqualTo("invalidValue");
        assertThatThrownBy(() -> SortSpec.parse(null, sortOrder)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Item | spec       | name one of its sub-attributes",
            "Item | blobs      | no 'value' sub-attribute",
            "Item | pin        | never returned",
            "Item | nope       | not defined",
            "Item | spec.nope  | not defined",
            "Item | urn:example:Other:title | not used by resource type",
            "User | password   | never returned",
            "User | name       | name one of its sub-attributes",
            "User | employeeNumber | not defined"})
    void refusesSortByThatCannotBeSorted(String type, String sortBy, String message) {
        SortSpec spec = SortSpec.parse(sortBy, null).orElseThrow();
        assertThatThrownBy(() -> spec.comparator(REGISTRY, REGISTRY.resourceType(type).orElseThrow()))
                .isInstanceOf(InvalidPathException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((ScimException) e).scimType()).isEqualTo("invalidPath");
    }

    @Test
    void refusesSyntacticallyInvalidSortBy() {
        assertThatThrownBy(() -> SortSpec.parse("emails[type eq \"work\"].value", null)).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> SortSpec.parse("a.b.c", null)).isInstanceOf(InvalidPathException.class);
    }

    private static List<JsonObject> sorted(JsonArray resources, java.util.Comparator<JsonObject> comparator) {
        List<JsonObject> list = new ArrayList<>(resources.getValuesAs(JsonObject.class));
        list.sort(comparator);
        return list;
    }

    private static List<String> ids(List<JsonObject> resources) {
        return resources.stream().map(r -> r.getString("id")).toList();
    }

    private static Arguments row(String sortBy, String sortOrder, String resources, String expectedIds) {
        return Arguments.of(sortBy, sortOrder, json("{\"r\":" + resources + "}").getJsonArray("r"), expectedIds);
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}

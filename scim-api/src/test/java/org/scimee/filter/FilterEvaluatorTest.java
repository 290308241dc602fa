package org.scimee.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scimee.error.InvalidFilterException;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;

class FilterEvaluatorTest {

    /** A resource type registered from JSON alone, with every attribute type the User schema lacks. */
    static final SchemaRegistry REGISTRY = SchemaRegistry.builder().withDefaults()
            .schema(json("""
                    {"id":"urn:example:schemas:Thing","name":"Thing","attributes":[
                      {"name":"str","type":"string"},
                      {"name":"exact","type":"string","caseExact":true},
                      {"name":"blank","type":"string"},
                      {"name":"other","type":"string"},
                      {"name":"int","type":"integer"},
                      {"name":"dec","type":"decimal"},
                      {"name":"flag","type":"boolean"},
                      {"name":"when","type":"dateTime"},
                      {"name":"blob","type":"binary"},
                      {"name":"link","type":"reference","referenceTypes":["external"]},
                      {"name":"tags","type":"string","multiValued":true},
                      {"name":"nums","type":"integer","multiValued":true},
                      {"name":"parts","type":"complex","multiValued":true,"subAttributes":[
                        {"name":"value","type":"string"},{"name":"type","type":"string"},{"name":"weight","type":"integer"}]},
                      {"name":"slots","type":"complex","multiValued":true,"subAttributes":[{"name":"label","type":"string"}]},
                      {"name":"dims","type":"complex","subAttributes":[
                        {"name":"width","type":"decimal"},{"name":"unit","type":"string","caseExact":true}]}]}"""))
            .schema(json("""
                    {"id":"urn:example:schemas:ThingExt","name":"ThingExt","attributes":[{"name":"code","type":"string"}]}"""))
            .resourceType(json("""
                    {"id":"Thing","name":"Thing","endpoint":"/Things","schema":"urn:example:schemas:Thing",
                     "schemaExtensions":[{"schema":"urn:example:schemas:ThingExt","required":false}]}"""))
            .build();

    static final JsonObject THING = json("""
            {"id":"Abc-1","externalId":"Ext-1","str":"Hello World","exact":"Hello World","blank":"","int":42,"dec":3.5,
             "flag":true,"when":"2020-06-15T10:00:00Z","blob":"SGVsbG8=","link":"https://Example.com/Things/1",
             "tags":["Red","green"],"nums":[1,5,9],
             "parts":[{"value":"alpha","type":"work","weight":1},{"value":"Beta","type":"home","weight":7}],
             "dims":{"width":2.5,"unit":"cm"},
             "meta":{"resourceType":"Thing","created":"2020-01-01T00:00:00Z","lastModified":"2020-06-15T12:00:00+02:00"},
             "urn:example:schemas:ThingExt":{"code":"X-9"}}""");

    static final JsonObject USER = json("""
            {"id":"2819c223","userName":"BJensen","name":{"givenName":"Barbara","familyName":"Jensen"},"active":true,
             "emails":[{"value":"bjensen@example.com","type":"home"},
                       {"value":"babs@work.example.org","type":"work","primary":true}],
             "x509Certificates":[{"value":"TUlJRA=="}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984",
               "manager":{"value":"26118915","displayName":"John Smith"}},
             "meta":{"resourceType":"User","created":"2010-01-23T04:56:22Z","lastModified":"2011-05-13T04:42:34Z"}}""");

    final FilterEvaluator things = new FilterEvaluator(REGISTRY, REGISTRY.resourceType("Thing").orElseThrow());
    final FilterEvaluator users = new FilterEvaluator(REGISTRY, REGISTRY.resourceType("User").orElseThrow());

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # string, caseExact false: str = "Hello World"
            str eq "hello world"             | true
            str eq "hello"                   | false
            str ne "hello world"             | false
            str ne "x"                       | true
            str co "LO WO"                   | true
            str co "xyz"                     | false
            str sw "HELLO"                   | true
            str sw "world"                   | false
            str ew "WORLD"                   | true
            str ew "hello"                   | false
            str gt "HELLO"                   | true
            str gt "z"                       | false
            str ge "HELLO WORLD"             | true
            str ge "i"                       | false
            str lt "I"                       | true
            str lt "Hello"                   | false
            str le "HELLO WORLD"             | true
            str le "a"                       | false
            str pr                           | true
            # string, caseExact true: exact = "Hello World"; id and externalId are caseExact in the schema
            exact eq "Hello World"           | true
            exact eq "hello world"           | false
            exact ne "hello world"           | true
            exact ne "Hello World"           | false
            exact co "lo Wo"                 | true
            exact co "LO WO"                 | false
            exact sw "Hello"                 | true
            exact sw "hello"                 | false
            exact ew "World"                 | true
            exact ew "world"                 | false
            exact gt "Hello"                 | true
            exact gt "hello"                 | false
            exact ge "Hello World"           | true
            exact ge "hello world"           | false
            exact lt "hello"                 | true
            exact lt "HELLO"                 | false
            exact le "Hello World"           | true
            exact le "Hello"                 | false
            id eq "Abc-1"                    | true
            id eq "abc-1"                    | false
            externalId sw "Ext"              | true
            externalId sw "ext"              | false
            meta.resourceType eq "Thing"     | true
            meta.resourceType eq "thing"     | false
            # integer: int = 42
            int eq 42                        | true
            int eq 43                        | false
            int eq 42.0                      | true
            int ne 42                        | false
            int ne 1                         | true
            int gt 41                        | true
            int gt 42                        | false
            int ge 42                        | true
            int ge 43                        | false
            int lt 43                        | true
            int lt 42                        | false
            int le 42                        | true
            int le 41                        | false
            int lt 4.2e1                     | false
            int pr                           | true
            # decimal: dec = 3.5
            dec eq 3.50                      | true
            dec eq 3.4                       | false
            dec ne 3.5                       | false
            dec ne 3                         | true
            dec gt 3.49                      | true
            dec gt 3.5                       | false
            dec ge 3.5                       | true
            dec ge 3.6                       | false
            dec lt 3.6                       | true
            dec lt 3.5                       | false
            dec le 3.5                       | true
            dec le 3.4                       | false
            dec gt 3e-1                      | true
            dec lt 1E1                       | true
            # boolean: flag = true (only eq, ne, pr)
            flag eq true                     | true
            flag eq false                    | false
            flag ne false                    | true
            flag ne true                     | false
            FLAG EQ TRUE                     | true
            flag pr                          | true
            # dateTime: when = 2020-06-15T10:00:00Z, compared as instants
            when eq "2020-06-15T12:00:00+02:00" | true
            when eq "2020-06-15T10:00:01Z"   | false
            when ne "2020-06-15T10:00:00Z"   | false
            when ne "2021-01-01T00:00:00Z"   | true
            when gt "2020-06-15T09:59:59Z"   | true
            when gt "2020-06-15T10:00:00Z"   | false
            when ge "2020-06-15T10:00:00.000Z" | true
            when ge "2020-06-15T10:00:00.001Z" | false
            when lt "2020-06-15T11:00:00+00:30" | true
            when lt "2020-06-15T10:00:00"    | false
            when le "2020-06-15T10:00:00"    | true
            when le "2020-06-15T09:00:00Z"   | false
            when pr                          | true
            meta.lastModified eq "2020-06-15T10:00:00Z" | true
            meta.created lt "2020-01-02T00:00:00Z" | true
            meta.created gt "2020-01-02T00:00:00Z" | false
            # binary: blob = "SGVsbG8=", always case-exact (only eq, ne, pr)
            blob eq "SGVsbG8="               | true
            blob eq "sgvsbg8="               | false
            blob ne "SGVsbG8="               | false
            blob ne "AAAA"                   | true
            blob pr                          | true
            # reference: link = "https://Example.com/Things/1", always case-exact
            link eq "https://Example.com/Things/1" | true
            link eq "https://example.com/things/1" | false
            link ne "https://Example.com/Things/1" | false
            link ne "https://example.com/things/1" | true
            link co "Example.com"            | true
            link co "example.com"            | false
            link sw "https://"               | true
            link sw "HTTPS://"               | false
            link ew "Things/1"               | true
            link ew "things/1"               | false
            link gt "https://A"              | true
            link gt "https://Z"              | false
            link ge "https://Example.com/Things/1" | true
            link ge "https://z"              | false
            link lt "https://Z"              | true
            link lt "https://A"              | false
            link le "https://Example.com/Things/1" | true
            link le "https://A"              | false
            # multi-valued simple attributes: any value matches; ne means no value is equal
            tags eq "red"                    | true
            tags eq "blue"                   | false
            tags ne "GREEN"                  | false
            tags ne "blue"                   | true
            tags co "ee"                     | true
            tags sw "r"                      | true
            tags ew "N"                      | true
            tags gt "q"                      | true
            tags gt "s"                      | false
            tags lt "h"                      | true
            tags lt "a"                      | false
            nums eq 5                        | true
            nums eq 6                        | false
            nums ne 5                        | false
            nums ne 6                        | true
            nums gt 8                        | true
            nums gt 9                        | false
            nums le 1                        | true
            nums lt 1                        | false
            # multi-valued complex: no sub-attribute means "value"; value filters match within one element
            parts eq "beta"                  | true
            parts co "PH"                    | true
            parts eq "gamma"                 | false
            parts.type eq "work"             | true
            parts.weight ge 7                | true
            parts.weight gt 7                | false
            parts pr                         | true
            parts[type eq "work" and value eq "alpha"] | true
            parts[type eq "work" and value eq "beta"]  | false
            parts.type eq "work" and parts.value eq "beta" | true
            parts[weight gt 5 and type eq "home"] | true
            parts[weight gt 5 and type eq "work"] | false
            parts.weight gt 5 and parts.type eq "work" | true
            parts[not (type eq "home")]      | true
            parts[type pr and not (value pr)] | false
            parts[type eq "work" or (type eq "home" and value ew "TA")] | true
            not (parts[type eq "other"])     | true
            # single-valued complex
            dims pr                          | true
            dims.width ge 2.5                | true
            dims.unit eq "CM"                | false
            dims.unit eq "cm"                | true
            dims[unit eq "cm" and width lt 3] | true
            dims[unit eq "cm" and width gt 3] | false
            # extension attributes live under their URN
            urn:example:schemas:ThingExt:code eq "x-9" | true
            URN:EXAMPLE:SCHEMAS:THINGEXT:CODE sw "X"   | true
            urn:example:schemas:Thing:str eq "hello world" | true
            # unassigned: absent, null, empty; eq null means unassigned
            other eq "x"                     | false
            other ne "x"                     | true
            other gt "a"                     | false
            other pr                         | false
            other eq null                    | true
            other ne null                    | false
            str eq null                      | false
            str ne null                      | true
            int ne null                      | true
            parts eq null                    | false
            slots eq null                    | true
            slots pr                         | false
            blank pr                         | false
            blank eq ""                      | true
            blank eq null                    | false
            # logic
            str pr and int eq 42             | true
            str pr and int eq 41             | false
            other pr or int eq 42            | true
            other pr or int eq 41            | false
            not (other pr)                   | true
            not (str pr)                     | false
            int eq 1 or int eq 42 and flag eq false | false
            int eq 42 or int eq 1 and flag eq false | true
            (int eq 42 or int eq 1) and flag eq false | false
            not (int eq 1 or int eq 2) and not (not (flag eq true)) | true
            """)
    void evaluatesEveryOperatorOnEveryType(String filter, boolean expected) {
        assertThat(things.matches(FilterParser.parse(filter), THING)).isEqualTo(expected);
        // ne is the complement of eq, and not () is the complement of the filter, whatever the data
        assertThat(things.matches(new Not(FilterParser.parse(filter)), THING)).isEqualTo(!expected);
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            userName eq "bjensen"                       | true
            USERNAME Eq "BJENSEN"                       | true
            userName eq "bjensen2"                      | false
            id eq "2819c223"                            | true
            id eq "2819C223"                            | false
            name.givenName sw "bar"                     | true
            name.familyName ew "SEN"                    | true
            urn:ietf:params:scim:schemas:core:2.0:User:userName sw "bj" | true
            urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq "barbara" | true
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984" | true
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701985" | false
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915" | true
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName co "smith" | true
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq "26118915" and displayName sw "John"] | true
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department pr | false
            emails co "example.com"                     | true
            emails eq "BJENSEN@EXAMPLE.COM"             | true
            emails[type eq "work" and value co "example.com"] | false
            emails.type eq "work" and emails.value co "example.com" | true
            emails[type eq "work" and value co "example.org"] | true
            emails[type eq "work"] and not (emails[type eq "other"]) | true
            emails[primary eq true and type eq "work"]  | true
            emails[primary eq true and type eq "home"]  | false
            emails[primary eq false]                    | false
            emails[primary ne true]                     | true
            meta.lastModified gt "2011-05-13T04:42:33Z" | true
            meta.created lt "2010-01-23T04:56:22Z"      | false
            meta.lastModified ge "2011-05-13T06:42:34+02:00" | true
            active eq true and (title pr or userName sw "b") | true
            title pr                                    | false
            title eq null                               | true
            userType eq "Employee" or userName ew "sen" | true
            userName eq "bjensen" or title pr and active eq false | true
            (userName eq "bjensen" or title pr) and active eq false | false
            not (userName eq "bjensen") or active eq true | true
            name pr                                     | true
            emails pr                                   | true
            ims pr                                      | false
            x509Certificates.value eq "TUlJRA=="        | true
            x509Certificates.value eq "tuljra=="        | false
            x509Certificates eq "TUlJRA=="              | true
            """)
    void evaluatesUsersWithTheirSchema(String filter, boolean expected) {
        assertThat(users.matches(FilterParser.parse(filter), USER)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            flag gt true                 | gt cannot compare boolean attributes
            flag ge false                | ge cannot compare boolean attributes
            flag lt true                 | lt cannot compare boolean attributes
            flag le true                 | le cannot compare boolean attributes
            blob gt "A"                  | gt cannot compare binary attributes
            blob ge "A"                  | ge cannot compare binary attributes
            blob lt "A"                  | lt cannot compare binary attributes
            blob le "A"                  | le cannot compare binary attributes
            blob co "A"                  | co compares strings, but 'blob' is binary
            blob sw "A"                  | sw compares strings
            blob ew "A"                  | ew compares strings
            flag co "t"                  | co compares strings, but 'flag' is boolean
            int sw 4                     | sw compares strings, but 'int' is integer
            dec ew 5                     | ew compares strings, but 'dec' is decimal
            when co "2020"               | co compares strings, but 'when' is dateTime
            int eq "42"                  | must be a number, not "42"
            dec gt "3"                   | must be a number
            nums eq "1"                  | must be a number
            str eq 5                     | must be a JSON string, not 5
            str eq true                  | must be a JSON string, not true
            exact co 1                   | must be a JSON string
            link eq false                | must be a JSON string
            blob eq 1                    | must be a JSON string
            flag eq "true"               | must be true or false
            flag ne 1                    | must be true or false
            when eq 5                    | must be a JSON string
            when gt "yesterday"          | 'yesterday' is not an xsd:dateTime
            when lt "2020-13-01T00:00:00Z" | is not an xsd:dateTime
            str gt null                  | null can only be compared with eq or ne
            int co null                  | null can only be compared with eq or ne
            nosuch eq 1                  | attribute 'nosuch' is not defined for resource type Thing
            parts.nosuch eq "x"          | is not defined for resource type Thing
            parts[nosuch eq "x"]         | 'nosuch' is not a sub-attribute of 'parts'
            str[value eq "x"]            | 'str' is not a complex attribute
            str.sub pr                   | is not defined
            code eq "X-9"                | attribute 'code' is not defined
            urn:example:schemas:Other:str eq "x" | schema 'urn:example:schemas:Other' is not used by resource type Thing
            urn:ietf:params:scim:schemas:core:2.0:User:str pr | is not used by resource type Thing
            dims eq 1                    | 'dims' is a complex attribute; compare one of its sub-attributes (e.g. dims.width)
            slots eq "x"                 | 'slots' is a complex attribute
            dims.width co 1              | co compares strings
            parts[weight sw "1"]         | sw compares strings
            str pr or flag gt true       | gt cannot compare boolean
            not (other pr and blob lt "x") | lt cannot compare binary
            """)
    void rejectsFiltersThatAreMeaninglessForTheSchema(String filter, String detail) {
        Filter parsed = FilterParser.parse(filter);
        assertThatThrownBy(() -> things.compile(parsed))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining(detail)
                .extracting(e -> ((InvalidFilterException) e).scimType()).isEqualTo("invalidFilter");
    }

    @Test
    void usersRejectComplexComparisonsAndUnknownAttributes() {
        assertThatThrownBy(() -> users.matches(Filter.parse("name eq \"Barbara\""), USER))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("'name' is a complex attribute");
        // "schemas" is not an attribute of any registered schema, and the evaluator has no special cases by name
        assertThatThrownBy(() -> users.matches(Filter.parse("schemas eq \"x\""), USER))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("'schemas' is not defined");
        assertThatThrownBy(() -> users.matches(Filter.parse("urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq \"x\""), USER))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("is not used by resource type User");
        assertThatThrownBy(() -> users.matches(Filter.parse("emails[value pr]").and(
                Filter.parse("active gt false")), USER))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("gt cannot compare boolean");
    }

    @Test
    void aCompiledFilterIsCheckedOnceAndRunsOverManyResources() {
        Predicate<JsonObject> predicate = users.compile(Filter.parse("emails[type eq \"work\" and value co \"@x.org\"]"));
        List<JsonObject> resources = List.of(
                json("{\"userName\":\"a\",\"emails\":[{\"type\":\"work\",\"value\":\"a@x.org\"}]}"),
                json("{\"userName\":\"b\",\"emails\":[{\"type\":\"work\",\"value\":\"b@y.org\"},{\"type\":\"home\",\"value\":\"b@x.org\"}]}"),
                json("{\"userName\":\"c\"}"),
                json("{\"userName\":\"d\",\"emails\":[]}"),
                json("{\"userName\":\"e\",\"emails\":[{\"type\":\"WORK\",\"value\":\"E@X.ORG\"}]}"));
        assertThat(resources.stream().filter(predicate).map(r -> r.getString("userName"))).containsExactly("a", "e");
    }

    @Test
    void storedValuesOfTheWrongTypeDoNotMatch() {
        JsonObject odd = json("{\"str\":5,\"int\":\"42\",\"flag\":\"true\",\"when\":\"not a date\",\"parts\":[\"loose\"],\"tags\":\"Red\"}");
        assertThat(things.matches(Filter.parse("str eq \"5\""), odd)).isFalse();
        assertThat(things.matches(Filter.parse("int eq 42"), odd)).isFalse();
        assertThat(things.matches(Filter.parse("flag eq true"), odd)).isFalse();
        assertThat(things.matches(Filter.parse("when lt \"2030-01-01T00:00:00Z\""), odd)).isFalse();
        assertThat(things.matches(Filter.parse("parts[value pr]"), odd)).isFalse();
        assertThat(things.matches(Filter.parse("parts eq \"loose\""), odd)).isFalse();
        // a single value where an array belongs is still that one value
        assertThat(things.matches(Filter.parse("tags eq \"red\""), odd)).isTrue();
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

package org.scimee.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimee.path.AttributePath;

class FilterParserTest {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    static Filter cmp(String path, ComparisonOperator op, Literal value) {
        return new Comparison(AttributePath.parse(path), op, value);
    }

    static Filter eq(String path, String value) {
        return cmp(path, ComparisonOperator.EQ, Literal.of(value));
    }

    static Filter pr(String path) {
        return new Present(AttributePath.parse(path));
    }

    static Arguments row(String text, Filter expected) {
        return Arguments.of(text, expected);
    }

    static Stream<Arguments> validFilters() {
        return Stream.of(
                // RFC 7644 §3.4.2.2 examples
                row("userName eq \"bjensen\"", eq("userName", "bjensen")),
                row("name.familyName co \"O'Malley\"", cmp("name.familyName", ComparisonOperator.CO, Literal.of("O'Malley"))),
                row("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
                        cmp("urn:ietf:params:scim:schemas:core:2.0:User:userName", ComparisonOperator.SW, Literal.of("J"))),
                row("title pr", pr("title")),
                row("meta.lastModified gt \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", ComparisonOperator.GT, Literal.of("2011-05-13T04:42:34Z"))),
                row("title pr and userType eq \"Employee\"", new And(pr("title"), eq("userType", "Employee"))),
                row("title pr or userType eq \"Intern\"", new Or(pr("title"), eq("userType", "Intern"))),
                row("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", eq("schemas", ENTERPRISE)),
                row("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
                        new And(eq("userType", "Employee"), new Or(cmp("emails", ComparisonOperator.CO, Literal.of("example.com")),
                                cmp("emails.value", ComparisonOperator.CO, Literal.of("example.org"))))),
                row("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
                        new And(cmp("userType", ComparisonOperator.NE, Literal.of("Employee")),
                                new Not(new Or(cmp("emails", ComparisonOperator.CO, Literal.of("example.com")),
                                        cmp("emails.value", ComparisonOperator.CO, Literal.of("example.org")))))),
                row("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
                        new And(eq("userType", "Employee"), new ValueFilter(AttributePath.of("emails"),
                                new And(eq("type", "work"), cmp("value", ComparisonOperator.CO, Literal.of("@example.com")))))),
                row("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
                        new Or(new ValueFilter(AttributePath.of("emails"),
                                new And(eq("type", "work"), cmp("value", ComparisonOperator.CO, Literal.of("@example.com")))),
                                new ValueFilter(AttributePath.of("ims"),
                                        new And(eq("type", "xmpp"), cmp("value", ComparisonOperator.CO, Literal.of("@foo.com")))))),
                // precedence: not > and > or, left to right within a level
                row("a pr or b pr and c pr", new Or(pr("a"), new And(pr("b"), pr("c")))),
                row("a pr and b pr or c pr", new Or(new And(pr("a"), pr("b")), pr("c"))),
                row("(a pr or b pr) and c pr", new And(new Or(pr("a"), pr("b")), pr("c"))),
                row("a pr and b pr and c pr", new And(new And(pr("a"), pr("b")), pr("c"))),
                row("a pr and (b pr and c pr)", new And(pr("a"), new And(pr("b"), pr("c")))),
                row("a pr or b pr or c pr", new Or(new Or(pr("a"), pr("b")), pr("c"))),
                row("not (a pr) and b pr", new And(new Not(pr("a")), pr("b"))),
                row("not (a pr or b pr) or c pr", new Or(new Not(new Or(pr("a"), pr("b"))), pr("c"))),
                row("not(a pr)", new Not(pr("a"))),
                row("not (not (a pr))", new Not(new Not(pr("a")))),
                row("((a pr))", pr("a")),
                row("( a pr  or\tb pr )", new Or(pr("a"), pr("b"))),
                row("  a pr  ", pr("a")),
                // case-insensitive keywords and operators; attribute names keep their spelling
                row("UserName EQ \"x\" AND Title PR oR NOT (a Ne TRUE)",
                        new Or(new And(eq("userName", "x"), pr("title")), new Not(cmp("a", ComparisonOperator.NE, Literal.TRUE)))),
                // names: -, _, digits, $ref, sub-attributes, URN-qualified incl. extension
                row("x-custom_attr2 pr", pr("x-custom_attr2")),
                row("members.$ref eq \"https://example.com/v2/Users/1\"", eq("members.$ref", "https://example.com/v2/Users/1")),
                row(ENTERPRISE + ":employeeNumber eq \"701984\"", eq(ENTERPRISE + ":employeeNumber", "701984")),
                row(ENTERPRISE + ":manager.value eq \"26118915\"", eq(ENTERPRISE + ":manager.value", "26118915")),
                row(ENTERPRISE + ":manager[value eq \"1\"]",
                        new ValueFilter(AttributePath.parse(ENTERPRISE + ":manager"), eq("value", "1"))),
                // keyword-looking values and attribute names
                row("displayName eq \"and\"", eq("displayName", "and")),
                row("displayName eq \"or\" or displayName eq \"not (x pr)\"", new Or(eq("displayName", "or"), eq("displayName", "not (x pr)"))),
                row("and pr and or pr", new And(pr("and"), pr("or"))),
                row("not pr", pr("not")),
                row("not eq \"x\"", eq("not", "x")),
                row("pr pr", pr("pr")),
                row("eq eq \"eq\"", eq("eq", "eq")),
                row("not[value pr]", new ValueFilter(AttributePath.of("not"), pr("value"))),
                row("andy pr", pr("andy")),
                // literals: JSON strings with escapes, numbers, true, false, null
                row("a eq \"say \\\"hi\\\"\"", eq("a", "say \"hi\"")),
                row("a eq \"back\\\\slash\"", eq("a", "back\\slash")),
                row("a eq \"caf\\u00e9\"", eq("a", "café")),
                row("a eq \"café\"", eq("a", "café")),
                row("a eq \"\\ud83d\\ude00\"", eq("a", "\uD83D\uDE00")),
                row("a eq \"\\/\\b\\f\\n\\r\\t\"", eq("a", "/\b\f\n\r\t")),
                row("a eq \"\"", eq("a", "")),
                row("a eq \"]) and (\"", eq("a", "]) and (")),
                row("a eq 42", cmp("a", ComparisonOperator.EQ, Literal.of(42))),
                row("a gt -1.5e3", cmp("a", ComparisonOperator.GT, Literal.of(new BigDecimal("-1.5e3")))),
                row("a lt 0", cmp("a", ComparisonOperator.LT, Literal.of(0))),
                row("a le 0.25E-2", cmp("a", ComparisonOperator.LE, Literal.of(new BigDecimal("0.0025")))),
                row("a ge 10", cmp("a", ComparisonOperator.GE, Literal.of(new BigDecimal("1E+1")))),
                row("a eq true", cmp("a", ComparisonOperator.EQ, Literal.TRUE)),
                row("a eq False", cmp("a", ComparisonOperator.EQ, Literal.FALSE)),
                row("a eq null", cmp("a", ComparisonOperator.EQ, Literal.NULL)),
                row("a ne NULL", cmp("a", ComparisonOperator.NE, Literal.NULL)),
                row("a ew \"x\"", cmp("a", ComparisonOperator.EW, Literal.of("x"))),
                row("(a eq 1)", cmp("a", ComparisonOperator.EQ, Literal.of(1))),
                row("emails[type eq \"work\" or (type eq \"home\" and value ew \"@example.com\")]",
                        new ValueFilter(AttributePath.of("emails"), new Or(eq("type", "work"),
                                new And(eq("type", "home"), cmp("value", ComparisonOperator.EW, Literal.of("@example.com")))))),
                row("emails[not (type eq \"work\")]", new ValueFilter(AttributePath.of("emails"), new Not(eq("type", "work")))),
                row("emails[ type pr ]", new ValueFilter(AttributePath.of("emails"), pr("type"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFilters")
    void parsesValidFilters(String text, Filter expected) {
        Filter parsed = FilterParser.parse(text);
        assertThat(parsed).isEqualTo(expected);
        // and the canonical print parses back to the same tree
        assertThat(FilterParser.parse(parsed.toString())).isEqualTo(expected);
    }

    @Test
    void attributeNamesCompareIgnoringCaseButValuesDoNot() {
        assertThat(Filter.parse("USERNAME eq \"X\"")).isEqualTo(Filter.parse("userName eq \"X\""));
        assertThat(Filter.parse("userName eq \"X\"")).isNotEqualTo(Filter.parse("userName eq \"x\""));
        assertThat(Filter.parse("a eq 1.0")).isEqualTo(Filter.parse("a eq 1")).hasSameHashCodeAs(Filter.parse("a eq 1"));
    }

    static Stream<Arguments> canonicalText() {
        return Stream.of(
                Arguments.of("UserName  EQ   \"x\"", "UserName eq \"x\""),
                Arguments.of("a pr or b pr and c pr", "a pr or b pr and c pr"),
                Arguments.of("(a pr or b pr) and c pr", "(a pr or b pr) and c pr"),
                Arguments.of("a pr and (b pr and c pr)", "a pr and (b pr and c pr)"),
                Arguments.of("(a pr and b pr) and c pr", "a pr and b pr and c pr"),
                Arguments.of("a pr or (b pr or c pr)", "a pr or (b pr or c pr)"),
                Arguments.of("((a pr))", "a pr"),
                Arguments.of("not(a pr)", "not (a pr)"),
                Arguments.of("a pr and not (b pr or c pr)", "a pr and not (b pr or c pr)"),
                Arguments.of("emails[ (type eq \"work\") ]", "emails[type eq \"work\"]"),
                Arguments.of("a eq \"\\u00e9\\t\\u0001\\/\"", "a eq \"é\\t\\u0001/\""),
                Arguments.of("a eq 1e3", "a eq 1E+3"),
                Arguments.of("a eq TRUE", "a eq true"));
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @MethodSource("canonicalText")
    void printsCanonicalText(String text, String canonical) {
        assertThat(FilterParser.parse(text).toString()).isEqualTo(canonical);
    }

    static Stream<Arguments> patchPaths() {
        return Stream.of(
                Arguments.of("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]",
                        new PatchPath(AttributePath.of("members"), eq("value", "2819c223-7f76-453a-919d-413861904646"), null)),
                Arguments.of("emails[type eq \"work\"].value",
                        new PatchPath(AttributePath.of("emails"), eq("type", "work"), "value")),
                Arguments.of("addresses[type eq \"work\" and primary eq true].streetAddress",
                        new PatchPath(AttributePath.of("addresses"),
                                new And(eq("type", "work"), cmp("primary", ComparisonOperator.EQ, Literal.TRUE)), "streetAddress")),
                Arguments.of(ENTERPRISE + ":manager", new PatchPath(AttributePath.parse(ENTERPRISE + ":manager"), null, null)),
                Arguments.of(ENTERPRISE + ":manager.value", new PatchPath(AttributePath.parse(ENTERPRISE + ":manager.value"), null, null)),
                Arguments.of("name.givenName", new PatchPath(AttributePath.parse("name.givenName"), null, null)),
                Arguments.of("members", new PatchPath(AttributePath.of("members"), null, null)),
                Arguments.of("members[value eq \"a\"].$ref", new PatchPath(AttributePath.of("members"), eq("value", "a"), "$ref")),
                Arguments.of(" emails[not (type eq \"work\")] ", new PatchPath(AttributePath.of("emails"), new Not(eq("type", "work")), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patchPaths")
    void parsesPatchPaths(String text, PatchPath expected) {
        PatchPath parsed = FilterParser.parsePatchPath(text);
        assertThat(parsed).isEqualTo(expected);
        assertThat(PatchPath.parse(parsed.toString())).isEqualTo(expected);
    }

    @Test
    void printsPatchPaths() {
        assertThat(PatchPath.parse("emails[TYPE  EQ \"work\"].Value").toString()).isEqualTo("emails[TYPE eq \"work\"].Value");
        assertThat(PatchPath.parse("emails[type eq \"work\"].value"))
                .isEqualTo(PatchPath.parse("EMAILS[type eq \"work\"].VALUE"));
    }

    @Test
    void treesKeepTheirInvariants() {
        Filter nested = new ValueFilter(AttributePath.of("x"), pr("y"));
        assertThatThrownBy(() -> new ValueFilter(AttributePath.of("emails"), new And(pr("type"), nested)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be nested");
        assertThatThrownBy(() -> new ValueFilter(AttributePath.of("emails"), pr("emails.type")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bare sub-attribute");
        assertThatThrownBy(() -> new PatchPath(AttributePath.of("emails"), null, "value"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FilterLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FilterLimits(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FilterLimits(10, FilterLimits.DEPTH_CEILING + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void operandsFlattenOnlyLeftNestedChains() {
        And chain = (And) Filter.parse("a pr and b pr and (c pr and d pr) and e pr");
        assertThat(chain.operands()).containsExactly(pr("a"), pr("b"), new And(pr("c"), pr("d")), pr("e"));
        Or or = (Or) Filter.parse("a pr or b pr and c pr or d pr");
        assertThat(or.operands()).containsExactly(pr("a"), new And(pr("b"), pr("c")), pr("d"));
        assertThat(Filter.parse("a pr and b pr and c pr")).isNotEqualTo(Filter.parse("a pr and (b pr and c pr)"));
    }
}

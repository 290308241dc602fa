package org.scimee.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidPathException;
import org.scimee.error.ScimException;

/**
 * Invalid filters and PATCH paths. Each row marks the offset the error must report with {@value #MARK}: the
 * expected offset is where the mark stands, and the mark is removed before parsing. The second column is a
 * fragment the detail must contain, so the message says what was expected.
 */
class InvalidFilterTest {

    static final String MARK = "‸";
    static final Pattern AT = Pattern.compile("^at (\\d+): (.+)$", Pattern.DOTALL);

    static final String OP = "expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le) or 'pr'";
    static final String VALUE = "expected a comparison value";
    static final String NAME = "expected an attribute name";
    static final String SUB = "expected a sub-attribute name";
    static final String LOGIC = "expected 'and', 'or' or end of filter";
    static final String CLOSE = "expected 'and', 'or' or ')'";
    static final String CLOSE_BRACKET = "expected 'and', 'or' or ']'";
    static final String AFTER_VALUE = "expected a space, ')' or ']' after the value";
    static final String URN = "expected a schema URN";

    static Arguments row(String marked, String fragment) {
        return Arguments.of(marked, fragment);
    }

    static Stream<Arguments> invalidFilters() {
        return Stream.of(
                // nothing there
                row("‸", NAME),
                row("   ‸", NAME),
                row("(‸)", NAME),
                row("( ‸", NAME),
                row("‸)", NAME),
                row("‸[type eq \"work\"]", NAME),
                row("‸\"userName\" eq \"x\"", NAME),
                row("‸!(a pr)", NAME),
                // attribute names
                row("‸1userName pr", NAME),
                row("‸-userName pr", NAME),
                row("‸_userName pr", NAME),
                row("‸.userName pr", NAME),
                row("user‸$name pr", OP),
                row("user‸@name pr", OP),
                row("name.‸ pr", SUB + " after '.'"),
                row("name.‸.givenName pr", SUB + " after '.'"),
                row("name.‸1x pr", SUB + " after '.'"),
                row("name.givenName‸.x pr", OP),
                row("a.b‸.c pr", OP),
                row("‸urn:userName pr", URN),
                row("‸urn:ietf:userName pr", URN),
                row("‸urn::x:userName pr", URN),
                row("‸urn:ietf::userName pr", "urn:"),
                row("urn:ietf:params:scim:schemas:core:2.0:User:‸ pr", "expected an attribute name after the schema URN"),
                row("urn:ietf:params:scim:schemas:core:2.0:User:‸1x pr", "expected an attribute name after the schema URN"),
                row("urn:ietf:params:scim:schemas:core:2.0:User:‸.x pr", "expected an attribute name after the schema URN"),
                // operators
                row("userName‸", OP),
                row("userName ‸", OP),
                row("userName ‸xx \"a\"", OP),
                row("userName ‸equals \"a\"", OP),
                row("userName ‸EQUALS \"a\"", OP),
                row("userName ‸= \"a\"", OP),
                row("userName‸=\"a\"", OP),
                row("a ‸== \"x\"", OP),
                row("a ‸!= \"x\"", OP),
                row("a ‸regex \".*\"", OP),
                row("title ‸PR5", OP),
                row("title ‸eq5 \"x\"", OP),
                row("a ‸pror b pr", OP),
                row("emails ‸[type eq \"work\"]", OP),
                row("a ‸\"x\"", OP),
                row("a ‸in (1, 2)", OP),
                row("a ‸like \"x%\"", OP),
                // comparison values
                row("userName eq‸", VALUE),
                row("userName eq ‸", VALUE),
                row("userName eq‸\"a\"", VALUE),
                row("userName eq ‸bjensen", VALUE),
                row("userName eq ‸'bjensen'", VALUE),
                row("userName eq ‸tru", VALUE),
                row("userName eq ‸nul", VALUE),
                row("userName eq ‸True1", VALUE),
                row("userName eq ‸+1", VALUE),
                row("userName eq ‸.5", VALUE),
                row("userName eq ‸(", VALUE),
                row("userName eq ‸)", VALUE),
                row("userName eq ‸[1]", VALUE),
                row("userName eq ‸{\"a\":1}", VALUE),
                row("userName eq ‸undefined", VALUE),
                row("userName eq ‸NaN", VALUE),
                row("a pr and b eq ‸", VALUE),
                // numbers (JSON syntax)
                row("userName eq 0‸1", AFTER_VALUE),
                row("userName eq -0‸7", AFTER_VALUE),
                row("userName eq 1.‸", "expected a digit after '.'"),
                row("userName eq 1.‸e5", "expected a digit after '.'"),
                row("userName eq 1e‸", "expected a digit in the exponent"),
                row("userName eq 1E+‸x", "expected a digit in the exponent"),
                row("userName eq -‸", "expected a digit"),
                row("userName eq -‸a", "expected a digit"),
                row("userName eq 12‸abc", AFTER_VALUE),
                row("userName eq 1‸,5", AFTER_VALUE),
                row("userName eq 0‸x1F", AFTER_VALUE),
                row("userName eq ‸1e99999999999", "out of range"),
                // strings (JSON syntax)
                row("userName eq ‸\"bjensen", "not closed"),
                row("userName eq ‸\"", "not closed"),
                row("a eq ‸\"\\\"", "not closed"),
                row("userName eq \"a‸\\x\"", "invalid escape"),
                row("userName eq \"‸\\'\"", "invalid escape"),
                row("a eq \"x‸\\", "invalid escape"),
                row("userName eq \"‸\\u12\"", "four hex digits"),
                row("userName eq \"‸\\u12G4\"", "four hex digits"),
                row("userName eq \"‸\\U00e9\"", "invalid escape"),
                row("userName eq \"a‸\tb\"", "control character U+0009"),
                row("userName eq \"a‸\n\"", "control character U+000A"),
                row("userName eq \"a\"‸b", AFTER_VALUE),
                row("a eq \"x\"‸;", AFTER_VALUE),
                // pr takes no value; values end the expression
                row("userName pr ‸\"x\"", LOGIC),
                row("userName pr ‸true", LOGIC),
                row("userName eq \"a\" ‸\"b\"", LOGIC),
                row("userName eq \"a\" ‸xor b pr", LOGIC),
                row("userName pr ‸userName pr", LOGIC),
                row("a eq \"x\" and b eq \"y\" ‸c eq \"z\"", LOGIC),
                row("a eq \"x\" ‸&& b pr", LOGIC),
                row("a eq \"x\" ‸|| b pr", LOGIC),
                row("not (a pr) ‸not (b pr)", LOGIC),
                // logical operators
                row("userName eq \"a\" and‸", "expected a space after 'and'"),
                row("userName eq \"a\" and ‸", NAME),
                row("userName eq \"a\" or ‸", NAME),
                row("a pr or‸", "expected a space after 'or'"),
                row("userName eq \"a\" and and ‸b pr", OP),
                row("and ‸userName pr", OP),
                row("or ‸userName pr", OP),
                row("userName eq \"a\"‸and b pr", AFTER_VALUE),
                row("userName eq \"a\" and‸(b pr)", "expected a space after 'and'"),
                row("(userName pr)‸or(b pr)", "expected a space before 'or'"),
                row("(userName pr) or‸(b pr)", "expected a space after 'or'"),
                // grouping
                row("(userName pr‸", CLOSE + " to close the '(' at 0"),
                row("((userName pr)‸", CLOSE + " to close the '(' at 0"),
                row("((((userName pr)))‸", CLOSE + " to close the '(' at 0"),
                row("userName pr‸)", LOGIC),
                row("userName eq \"a\" ‸)", LOGIC),
                row("userName eq \"a\" and (‸", NAME),
                row("a eq \"x\" or (b eq \"y\" and ‸)", NAME),
                row("(a pr ‸b pr)", CLOSE),
                // not
                row("not ‸userName pr", "expected '(' after 'not'"),
                row("not ‸not (a pr)", "expected '(' after 'not'"),
                row("not (‸)", NAME),
                row("not (userName pr‸", CLOSE + " to close the '(' at 4"),
                row("not‸", OP),
                row("userName pr and not ‸emails pr", "expected '(' after 'not'"),
                row("a pr or not ‸\"x\"", "expected '(' after 'not'"),
                // value filters
                row("emails[‸]", SUB),
                row("emails[  ‸]", SUB),
                row("emails[type eq \"work\"‸", CLOSE_BRACKET),
                row("emails[type eq \"work\"]‸.value eq \"x\"", "PATCH paths only"),
                row("emails[type eq \"work\" and phones‸[type pr]]", "cannot be nested"),
                row("emails[phones‸[type pr]]", "cannot be nested"),
                row("emails[emails‸.type eq \"work\"]", "without '.'"),
                row("emails[‸urn:ietf:params:scim:schemas:core:2.0:User:type eq \"work\"]", "without schema URN"),
                row("emails[type eq \"work\"]‸]", LOGIC),
                row("emails[type eq \"work\"] ‸[x pr]", LOGIC),
                row("emails[type eq \"work\"]‸[value pr]", LOGIC),
                row("emails[type eq \"work\"]‸value eq \"x\"", LOGIC),
                row("emails[(type eq \"work\"‸]", CLOSE),
                row("emails[type ‸xx \"work\"]", OP),
                row("emails[type eq ‸work]", VALUE),
                row("emails[not ‸type eq \"work\"]", "expected '(' after 'not'"),
                row("emails[type eq \"work\" or‸]", "expected a space after 'or'"),
                row("emails[type eq \"work\"] and ‸[type pr]", NAME),
                row("emails[type eq \"work\"‸) ", CLOSE_BRACKET),
                row("emails[type eq \"work\"‸)]", CLOSE_BRACKET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFilters")
    void rejectsInvalidFilters(String marked, String fragment) {
        int expectedOffset = marked.indexOf(MARK);
        assertThat(expectedOffset).as("every row marks its offset").isNotNegative();
        String filter = marked.replace(MARK, "");

        InvalidFilterException error = catchThrowableOfType(InvalidFilterException.class, () -> FilterParser.parse(filter));

        assertThat(error).as("parsing %s", filter).isNotNull();
        assertThat(error.scimType()).isEqualTo("invalidFilter");
        assertThat(error.status()).isEqualTo(400);
        assertOffsetAndDetail(error, expectedOffset, fragment);
    }

    @Test
    void thereAreAtLeastAHundredInvalidFilters() {
        assertThat(invalidFilters().count()).isGreaterThanOrEqualTo(100);
    }

    static Stream<Arguments> invalidPatchPaths() {
        return Stream.of(
                row("‸", NAME),
                row("‸.name", NAME),
                row("‸[value pr]", NAME),
                row("‸1name", NAME),
                row("name.‸", SUB + " after '.'"),
                row("name ‸eq \"x\"", "expected '[' or end of path"),
                row("name ‸pr", "expected '[' or end of path, found 'pr'"),
                row("emails[type eq \"work\"]‸value", "expected '.' and a sub-attribute name or end of path"),
                row("emails[type eq \"work\"].‸", "a sub-attribute name after '].'"),
                row("emails[type eq \"work\"].value‸.display", "expected end of path"),
                row("emails[type eq \"work\"].value‸[type pr]", "expected end of path"),
                row("emails[‸]", SUB),
                row("emails[type eq \"work\"‸", "expected 'and', 'or' or ']'"),
                row("emails[type eq \"work\" and x‸[y pr]]", "cannot be nested"),
                row("‸urn:x:name", URN),
                row("members[value eq 2819‸c223]", AFTER_VALUE),
                row("members[value eq‸]", VALUE),
                row("members[value‸]", OP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPatchPaths")
    void rejectsInvalidPatchPathsAsInvalidPath(String marked, String fragment) {
        int expectedOffset = marked.indexOf(MARK);
        String path = marked.replace(MARK, "");

        InvalidPathException error = catchThrowableOfType(InvalidPathException.class, () -> FilterParser.parsePatchPath(path));

        assertThat(error).as("parsing %s", path).isNotNull();
        assertThat(error.scimType()).isEqualTo("invalidPath");
        assertOffsetAndDetail(error, expectedOffset, fragment);
    }

    static void assertOffsetAndDetail(ScimException error, int expectedOffset, String fragment) {
        Matcher matcher = AT.matcher(error.detail());
        assertThat(matcher.matches()).as("detail '%s' starts with 'at N: '", error.detail()).isTrue();
        assertThat(Integer.parseInt(matcher.group(1))).as("offset in '%s'", error.detail()).isEqualTo(expectedOffset);
        assertThat(matcher.group(2)).contains(fragment);
    }
}

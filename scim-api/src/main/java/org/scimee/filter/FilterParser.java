package org.scimee.filter;

import java.math.BigDecimal;
import java.util.Objects;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidPathException;
import org.scimee.error.ScimException;
import org.scimee.path.AttributePath;

/**
 * Parses SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (RFC 7644 §3.5.2) into immutable trees.
 *
 * <p>A hand-written recursive-descent parser with one method per rule of this grammar. It accepts the
 * language of RFC 7644 Figure 1 (with errata 4690/7322 for {@code valFilter}), rewritten so that the
 * precedence the RFC states in prose ("not" over "and" over "or") is in the rules themselves:
 *
 * <pre>
 * FILTER    = *WSP orExp *WSP                                   ; {@link #filter()}
 * orExp     = andExp *(1*WSP "or" 1*WSP andExp)                 ; {@link #orExp(boolean)}
 * andExp    = unaryExp *(1*WSP "and" 1*WSP unaryExp)            ; {@link #andExp(boolean)}
 * unaryExp  = "not" *WSP group / group / valuePath / attrExp    ; {@link #unaryExp(boolean)}
 * group     = "(" *WSP orExp *WSP ")"                           ; {@link #group(boolean)}
 * valuePath = attrPath "[" *WSP valFilter *WSP "]"              ; {@link #valuePath(AttributePath)}
 * valFilter = orExp, with no valuePath inside and every attrPath a bare ATTRNAME
 * attrExp   = attrPath 1*WSP "pr"
 *           / attrPath 1*WSP compareOp 1*WSP compValue          ; {@link #attrExp(AttributePath)}
 * compareOp = "eq" / "ne" / "co" / "sw" / "ew" / "gt" / "lt" / "ge" / "le"   ; {@link #compareOp()}
 * compValue = false / null / true / number / string             ; {@link #compValue()}
 * number    = JSON number (RFC 8259 §6)                         ; {@link #number()}
 * string    = JSON string (RFC 8259 §7)                         ; {@link #string()}
 * attrPath  = [URN ":"] ATTRNAME *1subAttr                      ; {@link #attrPath(boolean)}
 * ATTRNAME  = ALPHA *(nameChar) / "$ref"                        ; {@link #attrName(String)}
 * nameChar  = "-" / "_" / DIGIT / ALPHA
 * subAttr   = "." ATTRNAME
 * PATH      = *WSP attrPath ["[" *WSP valFilter *WSP "]" [subAttr]] *WSP    ; {@link #patchPath()}
 * WSP       = SP / HTAB / CR / LF
 * </pre>
 *
 * <p>Where this is more or less liberal than Figure 1, on purpose:
 * <ul>
 *   <li>Keywords and operators ({@code and or not pr eq ...}, and {@code true false null}) are case-insensitive
 *       ("Attribute names and attribute operators used in filters are case insensitive").</li>
 *   <li>Where the RFC has one {@code SP}, one or more whitespace characters are accepted; whitespace is also
 *       allowed just inside {@code ( )} and {@code [ ]} and around the whole text. Where the RFC has an
 *       {@code SP}, at least one is required: {@code userName eq"x"} and {@code (a pr)and(b pr)} are errors.</li>
 *   <li>{@code not} must be followed by a parenthesised filter, as in Figure 1. A word {@code not} that is not
 *       followed by {@code (} is an attribute name ({@code not pr}), since ATTRNAME allows it; so are
 *       {@code and}, {@code or}, {@code pr} and the operators wherever an attribute name is expected.</li>
 *   <li>A schema URI must be a {@code urn:} with at least a namespace identifier and a specific string; the
 *       attribute name starts after its last colon (attribute names have none).</li>
 *   <li>Inside {@code [ ]}, paths are bare sub-attribute names; a nested {@code [ ]} is rejected (errata 4690).
 *       A value filter in a FILTER cannot be followed by {@code .subAttr}: that form belongs to PATCH paths.</li>
 * </ul>
 *
 * <p>Every error is an {@link InvalidFilterException} (an {@link InvalidPathException} for PATCH paths) whose
 * detail starts with {@code at N:}, N being the 0-based character offset of the problem, followed by what was
 * expected and what was found. Text longer than {@link FilterLimits#maxLength()} or grouping deeper than
 * {@link FilterLimits#maxDepth()} is refused the same way; depth is checked before each recursion, so no input
 * can overflow the stack.
 */
public final class FilterParser {

    private static final String OPERATORS = "a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le) or 'pr'";
    private static final String VALUE = "a comparison value (a JSON string, number, true, false or null)";

    private final String text;
    private final FilterLimits limits;
    private final boolean patch;
    private int pos;
    private int depth;

    private FilterParser(String text, FilterLimits limits, boolean patch) {
        this.text = Objects.requireNonNull(text, "text");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.patch = patch;
    }

    /**
     * Parses a filter with {@link FilterLimits#DEFAULT}.
     *
     * @throws InvalidFilterException if {@code text} is not a filter or exceeds the limits
     */
    public static Filter parse(String text) {
        return parse(text, FilterLimits.DEFAULT);
    }

    /**
     * Parses a filter.
     *
     * @throws InvalidFilterException if {@code text} is not a filter or exceeds {@code limits}
     */
    public static Filter parse(String text, FilterLimits limits) {
        return new FilterParser(text, limits, false).filter();
    }

    /**
     * Parses the {@code path} of a PATCH operation with {@link FilterLimits#DEFAULT}.
     *
     * @throws InvalidPathException if {@code text} is not a path or exceeds the limits
     */
    public static PatchPath parsePatchPath(String text) {
        return parsePatchPath(text, FilterLimits.DEFAULT);
    }

    /**
     * Parses the {@code path} of a PATCH operation.
     *
     * @throws InvalidPathException if {@code text} is not a path or exceeds {@code limits}
     */
    public static PatchPath parsePatchPath(String text, FilterLimits limits) {
        return new FilterParser(text, limits, true).patchPath();
    }

    // ---------------------------------------------------------------------------------------------- rules

    /** {@code FILTER = *WSP orExp *WSP}. */
    private Filter filter() {
        checkLength();
        skipWhitespace();
        Filter filter = orExp(false);
        skipWhitespace();
        if (!atEnd()) {
            throw error(pos, "expected 'and', 'or' or end of filter, found " + found(pos));
        }
        return filter;
    }

    /** {@code PATH = *WSP attrPath ["[" *WSP valFilter *WSP "]" [subAttr]] *WSP}. */
    private PatchPath patchPath() {
        checkLength();
        skipWhitespace();
        AttributePath attribute = attrPath(false);
        Filter valueFilter = null;
        String subAttribute = null;
        if (peek() == '[') {
            valueFilter = bracketed(attribute);
            if (peek() == '.') {
                pos++;
                subAttribute = attrName("a sub-attribute name after '].'");
            }
        }
        skipWhitespace();
        if (!atEnd()) {
            String expected = valueFilter != null ? (subAttribute == null ? "'.' and a sub-attribute name or " : "")
                    : "'[' or ";
            throw error(pos, "expected " + expected + "end of path, found " + found(pos));
        }
        return new PatchPath(attribute, valueFilter, subAttribute);
    }

    /** {@code orExp = andExp *(1*WSP "or" 1*WSP andExp)}; a loop, so long chains use no stack. */
    private Filter orExp(boolean inValue) {
        Filter left = andExp(inValue);
        while (keywordFollows("or")) {
            left = new Or(left, andExp(inValue));
        }
        return left;
    }

    /** {@code andExp = unaryExp *(1*WSP "and" 1*WSP unaryExp)}; "not" binds tighter than "and", "and" than "or". */
    private Filter andExp(boolean inValue) {
        Filter left = unaryExp(inValue);
        while (keywordFollows("and")) {
            left = new And(left, unaryExp(inValue));
        }
        return left;
    }

    /** {@code unaryExp = "not" *WSP group / group / valuePath / attrExp}. */
    private Filter unaryExp(boolean inValue) {
        if (peek() == '(') {
            return group(inValue);
        }
        if (atKeyword(pos, "not")) {
            int afterNot = pos + 3;
            int next = skipWhitespaceFrom(afterNot);
            if (next < text.length() && text.charAt(next) == '(') {
                pos = next;
                return new Not(group(inValue));
            }
            // Otherwise "not" is an attribute name ("not pr", "not eq 1", "not[...]") unless an operator cannot follow.
            if (next > afterNot && next < text.length() && !isOperatorWord(wordAt(next))) {
                throw error(next, "expected '(' after 'not', found " + found(next));
            }
        }
        AttributePath path = attrPath(inValue);
        if (peek() == '[') {
            if (inValue) {
                throw error(pos, "value filters cannot be nested (RFC 7644 errata 4690)");
            }
            return valuePath(path);
        }
        return attrExp(path);
    }

    /** {@code group = "(" *WSP orExp *WSP ")"}. */
    private Filter group(boolean inValue) {
        int open = pos;
        enter(open);
        pos++;
        skipWhitespace();
        Filter inner = orExp(inValue);
        skipWhitespace();
        if (peek() != ')') {
            throw error(pos, "expected 'and', 'or' or ')' to close the '(' at " + open + ", found " + found(pos));
        }
        pos++;
        depth--;
        return inner;
    }

    /** {@code valuePath = attrPath "[" *WSP valFilter *WSP "]"}, in a FILTER (not a PATCH path). */
    private Filter valuePath(AttributePath attribute) {
        Filter inner = bracketed(attribute);
        if (peek() == '.') {
            throw error(pos, "a sub-attribute after '[...]' is allowed in PATCH paths only (RFC 7644 §3.5.2), "
                    + "not in filters; write " + attribute + "[...] and ... or " + attribute + ".sub instead");
        }
        return new ValueFilter(attribute, inner);
    }

    /** {@code "[" *WSP valFilter *WSP "]"}; the valFilter is an orExp where paths are bare sub-attribute names. */
    private Filter bracketed(AttributePath attribute) {
        int open = pos;
        enter(open);
        pos++;
        skipWhitespace();
        Filter inner = orExp(true);
        skipWhitespace();
        if (peek() != ']') {
            throw error(pos, "expected 'and', 'or' or ']' to close the '[' of " + attribute + " at " + open
                    + ", found " + found(pos));
        }
        pos++;
        depth--;
        return inner;
    }

    /** {@code attrExp = attrPath 1*WSP "pr" / attrPath 1*WSP compareOp 1*WSP compValue}. */
    private Filter attrExp(AttributePath path) {
        if (skipWhitespace() == 0) {
            throw error(pos, "expected " + OPERATORS + " after a space, found " + found(pos));
        }
        int start = pos;
        if (atKeyword(start, "pr")) {
            pos += 2;
            return new Present(path);
        }
        ComparisonOperator operator = compareOp();
        if (skipWhitespace() == 0) {
            throw error(pos, "expected " + VALUE + " after a space, found " + found(pos));
        }
        return new Comparison(path, operator, compValue());
    }

    /** {@code compareOp = "eq" / "ne" / "co" / "sw" / "ew" / "gt" / "lt" / "ge" / "le"}, ignoring case. */
    private ComparisonOperator compareOp() {
        int start = pos;
        String word = wordAt(start);
        ComparisonOperator operator = atKeyword(start, word) ? ComparisonOperator.fromToken(word).orElse(null) : null;
        if (operator == null) {
            throw error(start, "expected " + OPERATORS + ", found " + found(start));
        }
        pos += word.length();
        return operator;
    }

    /** {@code compValue = false / null / true / number / string}. */
    private Literal compValue() {
        int start = pos;
        char c = peek();
        Literal value;
        if (c == '"') {
            value = string();
        } else if (c == '-' || isDigit(c)) {
            value = number();
        } else {
            String word = wordAt(start);
            if (atKeyword(start, "true")) {
                value = Literal.TRUE;
            } else if (atKeyword(start, "false")) {
                value = Literal.FALSE;
            } else if (atKeyword(start, "null")) {
                value = Literal.NULL;
            } else {
                throw error(start, "expected " + VALUE + ", found " + found(start));
            }
            pos += word.length();
        }
        if (!atEnd() && !isDelimiter(peek())) {
            throw error(pos, "expected a space, ')' or ']' after the value, found " + found(pos));
        }
        return value;
    }

    /** {@code number = [ "-" ] int [ frac ] [ exp ]}, JSON's number syntax. */
    private Literal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error(pos, "expected a digit, found " + found(pos));
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error(pos, "expected a digit after '.', found " + found(pos));
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error(pos, "expected a digit in the exponent, found " + found(pos));
            }
            digits();
        }
        try {
            return Literal.of(new BigDecimal(text.substring(start, pos)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw error(start, "the number " + text.substring(start, pos) + " is out of range");
        }
    }

    /** {@code string = quotation-mark *char quotation-mark}, with JSON's escapes. */
    private Literal string() {
        int open = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw error(open, "the string starting here is not closed with '\"'");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return Literal.of(value.toString());
            }
            if (c < 0x20) {
                throw error(pos, String.format("control character U+%04X must be escaped in a string", (int) c));
            }
            if (c != '\\') {
                value.append(c);
                pos++;
                continue;
            }
            int escape = pos;
            char kind = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
            switch (kind) {
                case '"', '\\', '/' -> value.append(kind);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    if (pos + 6 > text.length() || !isHex(text, pos + 2, pos + 6)) {
                        throw error(escape, "expected four hex digits after '\\u'");
                    }
                    value.append((char) Integer.parseInt(text.substring(pos + 2, pos + 6), 16));
                    pos += 4;
                }
                default -> throw error(escape, "invalid escape in a string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }
            pos += 2;
        }
    }

    /**
     * {@code attrPath = [URN ":"] ATTRNAME *1subAttr}. Inside a value filter ({@code inValue}) only a bare
     * ATTRNAME is allowed: it names a sub-attribute of the bracketed attribute.
     */
    private AttributePath attrPath(boolean inValue) {
        int start = pos;
        String what = inValue ? "a sub-attribute name, '(' or 'not ('" : "an attribute name, '(' or 'not ('";
        String schema = null;
        if (text.regionMatches(true, pos, "urn:", 0, 4)) {
            int end = pos;
            while (end < text.length() && isUriChar(text.charAt(end))) {
                end++;
            }
            int lastColon = text.lastIndexOf(':', end - 1);
            schema = text.substring(start, lastColon);
            int nid = schema.indexOf(':', 4);
            if (nid <= 4 || nid == schema.length() - 1) {
                throw error(start, "expected a schema URN such as urn:ietf:params:scim:schemas:core:2.0:User "
                        + "followed by ':' and an attribute name, found " + found(start));
            }
            if (inValue) {
                throw error(start, "inside '[...]' name a sub-attribute without schema URN, found " + found(start));
            }
            pos = lastColon + 1;
            what = "an attribute name after the schema URN";
        }
        String attribute = attrName(what);
        String sub = null;
        if (peek() == '.') {
            if (inValue) {
                throw error(pos, "inside '[...]' name a sub-attribute without '.', found " + found(pos));
            }
            pos++;
            sub = attrName("a sub-attribute name after '.'");
        }
        return new AttributePath(schema, attribute, sub);
    }

    /** {@code ATTRNAME = ALPHA *(nameChar) / "$ref"}; {@code what} says what the caller expected. */
    private String attrName(String what) {
        int start = pos;
        if (text.startsWith("$ref", pos)) {
            pos += 4;
        } else if (pos < text.length() && isAlpha(text.charAt(pos))) {
            pos++;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
        } else {
            throw error(start, "expected " + what + ", found " + found(start));
        }
        return text.substring(start, pos);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void checkLength() {
        if (text.length() > limits.maxLength()) {
            throw error(limits.maxLength(), "the " + (patch ? "path" : "filter") + " is longer than the limit of "
                    + limits.maxLength() + " characters");
        }
    }

    /** Opens one level of grouping, refusing it before recursing if it would exceed the depth limit. */
    private void enter(int at) {
        if (++depth > limits.maxDepth()) {
            throw error(at, "grouping nests deeper than the limit of " + limits.maxDepth()
                    + " levels of '(', 'not (' and '['");
        }
    }

    /**
     * Whether {@code 1*WSP keyword 1*WSP} follows; if so, consumes it. A keyword without the spaces the grammar
     * demands is an error rather than being read as something else.
     */
    private boolean keywordFollows(String keyword) {
        int start = pos;
        int spaces = skipWhitespace();
        if (!atKeyword(pos, keyword)) {
            pos = start;
            return false;
        }
        if (spaces == 0) {
            throw error(pos, "expected a space before '" + keyword + "'");
        }
        pos += keyword.length();
        if (skipWhitespace() == 0) {
            throw error(pos, "expected a space after '" + keyword + "', found " + found(pos));
        }
        return true;
    }

    /** Whether the word {@code keyword} (any case) stands at {@code at}, not followed by a name character. */
    private boolean atKeyword(int at, String keyword) {
        int end = at + keyword.length();
        return !keyword.isEmpty() && text.regionMatches(true, at, keyword, 0, keyword.length())
                && (end == text.length() || isDelimiter(text.charAt(end)));
    }

    private boolean isOperatorWord(String word) {
        return word.equalsIgnoreCase("pr") || ComparisonOperator.fromToken(word).isPresent();
    }

    /** The run of ASCII letters at {@code at} (possibly empty). */
    private String wordAt(int at) {
        int end = at;
        while (end < text.length() && isAlpha(text.charAt(end))) {
            end++;
        }
        return text.substring(at, end);
    }

    /** Describes what stands at {@code at}, for error details. */
    private String found(int at) {
        if (at >= text.length()) {
            return "end of " + (patch ? "path" : "filter");
        }
        int end = at;
        while (end < text.length() && end - at < 24 && !isWhitespace(text.charAt(end))
                && (end == at || !isDelimiter(text.charAt(end)) || text.charAt(end) == '"')) {
            end++;
        }
        return "'" + text.substring(at, end) + "'";
    }

    private int skipWhitespace() {
        int start = pos;
        pos = skipWhitespaceFrom(pos);
        return pos - start;
    }

    private int skipWhitespaceFrom(int at) {
        while (at < text.length() && isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private ScimException error(int at, String message) {
        String detail = "at " + at + ": " + message;
        return patch ? new InvalidPathException(detail) : new InvalidFilterException(detail);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Characters that end a word: whitespace and the grammar's punctuation. */
    private static boolean isDelimiter(char c) {
        return isWhitespace(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '"';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameChar(char c) {
        return isAlpha(c) || isDigit(c) || c == '-' || c == '_';
    }

    /** RFC 3986 pchar without '(' and ')', which group filters: unreserved, pct-encoded, sub-delims, ':' '@' '/'. */
    private static boolean isUriChar(char c) {
        return isAlpha(c) || isDigit(c) || "-._~%!$&'*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}

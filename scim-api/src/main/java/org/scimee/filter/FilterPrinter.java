package org.scimee.filter;

import java.util.List;

/**
 * Prints a {@link Filter} as canonical RFC 7644 filter text: operators and keywords in lower case, single
 * spaces, JSON literals, and parentheses exactly where the tree differs from what precedence ({@code not} &gt;
 * {@code and} &gt; {@code or}) and left-to-right chaining would give. So {@code FilterParser.parse(print(f))}
 * equals {@code f} for every filter {@code f}:
 * <ul>
 *   <li>an {@link Or} operand of an {@link And} is parenthesised: {@code a and (b or c)};</li>
 *   <li>a right operand of the same kind is parenthesised, since the parser nests chains to the left:
 *       {@code a and (b and c)};</li>
 *   <li>{@link Not} always prints {@code not (...)}, as the grammar demands.</li>
 * </ul>
 */
public final class FilterPrinter implements FilterVisitor<Void> {

    private final StringBuilder out;

    private FilterPrinter(StringBuilder out) {
        this.out = out;
    }

    /** The canonical text of {@code filter}. */
    public static String print(Filter filter) {
        StringBuilder out = new StringBuilder();
        filter.accept(new FilterPrinter(out));
        return out.toString();
    }

    @Override
    public Void visit(Comparison filter) {
        out.append(filter.path()).append(' ').append(filter.operator().token()).append(' ').append(filter.value());
        return null;
    }

    @Override
    public Void visit(Present filter) {
        out.append(filter.path()).append(" pr");
        return null;
    }

    @Override
    public Void visit(And filter) {
        chain(filter.operands(), " and ", And.class);
        return null;
    }

    @Override
    public Void visit(Or filter) {
        chain(filter.operands(), " or ", Or.class);
        return null;
    }

    private void chain(List<Filter> operands, String keyword, Class<? extends Filter> kind) {
        for (int i = 0; i < operands.size(); i++) {
            Filter operand = operands.get(i);
            if (i > 0) {
                out.append(keyword);
            }
            // operands.get(0) is never of `kind` (operands() flattened it); later ones of `kind` came from parentheses.
            boolean parenthesise = kind.isInstance(operand) || (kind == And.class && operand instanceof Or);
            if (parenthesise) {
                out.append('(');
            }
            operand.accept(this);
            if (parenthesise) {
                out.append(')');
            }
        }
    }

    @Override
    public Void visit(Not filter) {
        out.append("not (");
        filter.filter().accept(this);
        out.append(')');
        return null;
    }

    @Override
    public Void visit(ValueFilter filter) {
        out.append(filter.attribute()).append('[');
        filter.filter().accept(this);
        out.append(']');
        return null;
    }
}

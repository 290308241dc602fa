package org.scimee.filter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/** Flattens left-nested {@link And}/{@link Or} chains with a loop, so long chains cost no stack. */
final class Chains {

    private Chains() {
    }

    static List<Filter> operands(Filter head, Class<? extends Filter> kind) {
        Deque<Filter> rights = new ArrayDeque<>();
        Filter node = head;
        while (kind.isInstance(node)) {
            if (node instanceof And and) {
                rights.push(and.right());
                node = and.left();
            } else {
                Or or = (Or) node;
                rights.push(or.right());
                node = or.left();
            }
        }
        List<Filter> operands = new ArrayList<>(rights.size() + 1);
        operands.add(node);
        while (!rights.isEmpty()) {
            operands.add(rights.pop());
        }
        return Collections.unmodifiableList(operands);
    }
}

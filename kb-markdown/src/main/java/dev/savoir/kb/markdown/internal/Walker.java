package dev.savoir.kb.markdown.internal;

import org.commonmark.node.Node;

/**
 * Iterative depth-first traversal following parent and sibling links: no recursion and no allocation, so no stack
 * overflow whatever the nesting of a document.
 */
final class Walker {
    /** Receives the nodes of a tree in document order. */
    interface Visitor {
        /** Called before the children; returns whether to visit them. */
        boolean enter(Node node);

        /** Called after the children (or right after {@link #enter} when they were skipped). */
        default void exit(Node node) {
        }
    }

    private Walker() {
    }

    static void walk(Node root, Visitor visitor) {
        Node node = root;
        while (node != null) {
            boolean descend = visitor.enter(node);
            if (descend && node.getFirstChild() != null) {
                node = node.getFirstChild();
                continue;
            }
            visitor.exit(node);
            // climb up until a next sibling exists, never leaving the root
            while (node != root && node.getNext() == null) {
                node = node.getParent();
                visitor.exit(node);
            }
            node = node == root ? null : node.getNext();
        }
    }
}

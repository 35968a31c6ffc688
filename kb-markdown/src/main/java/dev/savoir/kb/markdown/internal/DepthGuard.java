package dev.savoir.kb.markdown.internal;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Bounds the depth of a parsed document, so that renderers that recurse (commonmark's HTML renderer and its
 * extensions' post-processors do) cannot overflow the stack on hostile nesting such as thousands of nested emphasis
 * markers or links in images. A node deeper than the limit is replaced by a text node holding its visible text: the
 * content stays, the markup goes.
 */
public final class DepthGuard {
    /** Deeper than any real article; far below what overflows a default thread stack. */
    public static final int MAX_DEPTH = 96;

    private DepthGuard() {
    }

    /** Flattens what lies deeper than {@link #MAX_DEPTH}; returns whether anything changed. */
    public static boolean flatten(Node document) {
        List<Node> tooDeep = null;
        Node node = document;
        int depth = 0;
        while (node != null) {
            Node child = node.getFirstChild();
            if (child != null && depth < MAX_DEPTH) {
                node = child;
                depth++;
                continue;
            }
            if (child != null) {
                if (tooDeep == null) {
                    tooDeep = new ArrayList<>();
                }
                tooDeep.add(node);
            }
            while (node != document && node.getNext() == null) {
                node = node.getParent();
                depth--;
            }
            node = node == document ? null : node.getNext();
        }
        if (tooDeep == null) {
            return false;
        }
        for (Node n : tooDeep) {
            n.insertBefore(new Text(Texts.of(n)));
            n.unlink();
        }
        return true;
    }
}

package dev.savoir.kb.markdown.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Bounds the depth of a parsed document, so that renderers that recurse (commonmark's HTML renderer does) cannot
 * overflow the stack on hostile nesting such as thousands of nested emphasis markers or links in images. A node
 * deeper than the limit is replaced by a text node holding its visible text: the content stays, the markup goes.
 */
public final class DepthGuard {
    /** Deeper than any real article; far below what overflows a default thread stack. */
    public static final int MAX_DEPTH = 96;

    private DepthGuard() {
    }

    /** Flattens what lies deeper than {@link #MAX_DEPTH}; returns whether anything changed. */
    public static boolean flatten(Node document) {
        List<Node> tooDeep = new ArrayList<>();
        ArrayDeque<Node> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        nodes.push(document);
        depths.push(0);
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int depth = depths.pop();
            if (depth >= MAX_DEPTH && node.getFirstChild() != null) {
                tooDeep.add(node);
                continue;
            }
            for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
                nodes.push(c);
                depths.push(depth + 1);
            }
        }
        for (Node node : tooDeep) {
            node.insertBefore(new Text(Texts.of(node)));
            node.unlink();
        }
        return !tooDeep.isEmpty();
    }
}

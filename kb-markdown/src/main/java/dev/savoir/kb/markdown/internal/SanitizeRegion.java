package dev.savoir.kb.markdown.internal;

import java.util.Set;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;

/**
 * Marks the part of a document that holds raw HTML, so that only that part goes through the sanitizer. Top-level
 * blocks without raw HTML render to markup built by the renderer alone (escaped text, checked URLs, balanced tags);
 * the span from the first to the last top-level block with raw HTML is sanitized as one unit, so HTML opened in one
 * block and closed in a later one keeps its structure. The markers render as strings holding NUL characters, which
 * the parser replaces in every author's input: no body can forge them.
 */
public final class SanitizeRegion {
    /** Written where the region starts. */
    public static final String START = "\u0000savoir-sanitize-start\u0000";
    /** Written where the region ends. */
    public static final String END = "\u0000savoir-sanitize-end\u0000";

    private SanitizeRegion() {
    }

    /** A marker block. */
    public static final class Marker extends CustomBlock {
        private final boolean start;

        public Marker(boolean start) {
            this.start = start;
        }

        boolean isStart() {
            return start;
        }
    }

    /** Puts markers around the top-level blocks from {@code first} to {@code last} (children of the document). */
    public static void mark(Node first, Node last) {
        first.insertBefore(new Marker(true));
        last.insertAfter(new Marker(false));
    }

    /** The top-level block (child of the document) holding a node. */
    public static Node topLevel(Node node, Node document) {
        Node n = node;
        while (n.getParent() != null && n.getParent() != document) {
            n = n.getParent();
        }
        return n;
    }

    /** Renders markers as their strings. */
    static final class HtmlRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        HtmlRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Marker.class);
        }

        @Override
        public void render(Node node) {
            context.getWriter().raw(((Marker) node).isStart() ? START : END);
        }
    }
}

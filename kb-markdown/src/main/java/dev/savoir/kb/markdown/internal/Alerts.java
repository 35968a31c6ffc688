package dev.savoir.kb.markdown.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * GitHub-style alerts: a block quote whose first line is exactly {@code [!NOTE]}, {@code [!TIP]},
 * {@code [!IMPORTANT]}, {@code [!WARNING]} or {@code [!CAUTION]} becomes a callout
 * ({@code <div class="markdown-alert markdown-alert-warning">} with a title paragraph). Any other block quote is left
 * alone.
 *
 * <p>Why not commonmark-java's own {@code commonmark-ext-gfm-alerts}: no release of it resolves from Maven Central
 * for commonmark 0.28 (nor any later version at the time of writing), and its title comes from the extension's
 * configuration, fixed per {@code HtmlRenderer}, while Savoir titles an alert in the reader's locale per rendering
 * on one shared renderer. Its HTML is the same callout plus a {@code data-alert-type} attribute the sanitizer
 * policy would have to allow. Revisit once it is published: parse with it, keep this class's title node renderer.
 */
public final class Alerts {
    private static final Set<String> TYPES = Set.of("note", "tip", "important", "warning", "caution");
    private static final Map<String, String> EN = Map.of("note", "Note", "tip", "Tip", "important", "Important",
            "warning", "Warning", "caution", "Caution");
    private static final Map<String, String> FR = Map.of("note", "Remarque", "tip", "Astuce", "important",
            "Important", "warning", "Avertissement", "caution", "Attention");

    private Alerts() {
    }

    /** An alert block; its children are the block quote's content without the marker line. */
    public static final class Alert extends CustomBlock {
        private final String type;
        private String title;

        Alert(String type) {
            this.type = type;
            this.title = EN.getOrDefault(type, type);
        }

        /** The title shown above the content. */
        public String title() {
            return title;
        }

        /** Sets the title for the reader's locale (the tree is per rendering, never shared). */
        public void localize(Locale locale) {
            this.title = Alerts.title(type, locale);
        }

        /** note, tip, important, warning or caution. */
        public String type() {
            return type;
        }
    }

    /** The parser post-processor turning marked block quotes into alerts. */
    public static PostProcessor postProcessor() {
        return document -> {
            List<BlockQuote> quotes = new ArrayList<>();
            Walker.walk(document, n -> {
                if (n instanceof BlockQuote q) {
                    quotes.add(q);
                }
                return n.getFirstChild() != null && !(n instanceof Paragraph);
            });
            for (BlockQuote q : quotes) {
                convert(q);
            }
            return document;
        };
    }

    private static void convert(BlockQuote quote) {
        if (!(quote.getFirstChild() instanceof Paragraph p) || !(p.getFirstChild() instanceof Text marker)) {
            return;
        }
        Node after = marker.getNext();
        if (after != null && !(after instanceof SoftLineBreak) && !(after instanceof HardLineBreak)) {
            return;
        }
        String literal = marker.getLiteral().strip();
        if (literal.length() < 4 || !literal.startsWith("[!") || !literal.endsWith("]")) {
            return;
        }
        String type = literal.substring(2, literal.length() - 1).toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            return;
        }
        marker.unlink();
        if (after != null) {
            after.unlink();
        }
        if (p.getFirstChild() == null) {
            p.unlink();
        }
        Alert alert = new Alert(type);
        Node child = quote.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            alert.appendChild(child);
            child = next;
        }
        quote.insertBefore(alert);
        quote.unlink();
    }

    /** The title shown for an alert type in a locale (English, or French for French locales). */
    public static String title(String type, Locale locale) {
        Map<String, String> titles = "fr".equals(locale.getLanguage()) ? FR : EN;
        return titles.getOrDefault(type, type);
    }

    /** Renders alerts as HTML. */
    static final class HtmlRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        HtmlRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Alert.class);
        }

        @Override
        public void render(Node node) {
            Alert alert = (Alert) node;
            HtmlWriter html = context.getWriter();
            html.line();
            html.tag("div", Map.of("class", "markdown-alert markdown-alert-" + alert.type()));
            html.line();
            html.tag("p", Map.of("class", "markdown-alert-title"));
            html.text(alert.title());
            html.tag("/p");
            html.line();
            for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
                context.render(c);
            }
            html.line();
            html.tag("/div");
            html.line();
        }
    }
}

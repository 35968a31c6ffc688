package dev.savoir.kb.markdown.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlNodeRendererFactory;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Savoir's HTML for links, images and headings: destinations through the {@link UrlPolicy} (a refused link keeps
 * only its text, a refused image only its alt text), {@code rel} on external links, ids on headings.
 */
public final class SavoirHtml implements HtmlNodeRendererFactory {
    private final boolean checkUrls;
    private final String externalRel;
    private final String idPrefix;

    /**
     * @param checkUrls whether destinations go through the URL policy (off only for trusted, unsanitized output)
     * @param externalRel the rel attribute of external links, empty for none
     * @param idPrefix prefix of heading ids
     */
    public SavoirHtml(boolean checkUrls, String externalRel, String idPrefix) {
        this.checkUrls = checkUrls;
        this.externalRel = externalRel;
        this.idPrefix = idPrefix;
    }

    @Override
    public NodeRenderer create(HtmlNodeRendererContext context) {
        return new Renderer(context);
    }

    /** The renderer factory of sanitize-region markers. */
    public static HtmlNodeRendererFactory sanitizeRegions() {
        return SanitizeRegion.HtmlRenderer::new;
    }

    /** The alert renderer factory. */
    public static HtmlNodeRendererFactory alerts() {
        return Alerts.HtmlRenderer::new;
    }

    private final class Renderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;
        private final Anchors anchors = new Anchors(idPrefix);

        Renderer(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Link.class, Image.class, Heading.class);
        }

        @Override
        public void render(Node node) {
            switch (node) {
                case Link link -> link(link);
                case Image image -> image(image);
                case Heading heading -> heading(heading);
                default -> throw new IllegalArgumentException(node.getClass().getName());
            }
        }

        private void link(Link link) {
            String url = checkUrls ? UrlPolicy.link(link.getDestination()) : link.getDestination();
            if (url == null) {
                children(link);
                return;
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("href", context.encodeUrl(url));
            if (link.getTitle() != null) {
                attrs.put("title", link.getTitle());
            }
            if (!externalRel.isEmpty() && UrlPolicy.isExternal(url)) {
                attrs.put("rel", externalRel);
            }
            html.tag("a", context.extendAttributes(link, "a", attrs));
            children(link);
            html.tag("/a");
        }

        private void image(Image image) {
            String url = checkUrls ? UrlPolicy.image(image.getDestination()) : image.getDestination();
            String alt = Texts.alt(image);
            if (url == null) {
                html.text(alt);
                return;
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("src", context.encodeUrl(url));
            attrs.put("alt", alt);
            if (image.getTitle() != null) {
                attrs.put("title", image.getTitle());
            }
            html.tag("img", context.extendAttributes(image, "img", attrs), true);
        }

        private void heading(Heading heading) {
            String tag = "h" + heading.getLevel();
            Map<String, String> attrs = new LinkedHashMap<>();
            // headings render in document order, the order the table of contents numbers duplicates in
            attrs.put("id", anchors.next(Texts.of(heading)));
            html.line();
            html.tag(tag, context.extendAttributes(heading, tag, attrs));
            children(heading);
            html.tag('/' + tag);
            html.line();
        }

        private void children(Node parent) {
            Node node = parent.getFirstChild();
            while (node != null) {
                Node next = node.getNext();
                context.render(node);
                node = next;
            }
        }
    }
}

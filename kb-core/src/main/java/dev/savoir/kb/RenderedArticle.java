package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.util.List;

/**
 * An article rendered for a reader: what they may see, as safe HTML, with its table of contents.
 *
 * @param article the published content served
 * @param html the body as sanitized HTML
 * @since 0.1
 */
public record RenderedArticle(ArticleView article, Html html) {
    public RenderedArticle {
        Check.notNull("article", article);
        Check.notNull("html", html);
    }

    /**
     * A rendered body.
     *
     * @param html sanitized HTML
     * @param toc the headings, in order, for a table of contents
     */
    public record Html(String html, List<Heading> toc) {
        public Html {
            Check.notNull("html", html);
            toc = List.copyOf(Check.noNulls("toc", toc));
        }
    }

    /**
     * A heading of a rendered body.
     *
     * @param level 1 to 6
     * @param text the heading's text
     * @param anchor the id of the heading element, unique in the body
     */
    public record Heading(int level, String text, String anchor) {
        public Heading {
            Check.range("level", level, 1, 6);
            Check.notNull("text", text);
            Check.notNull("anchor", anchor);
        }
    }
}

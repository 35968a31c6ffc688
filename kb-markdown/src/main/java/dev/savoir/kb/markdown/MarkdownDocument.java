package dev.savoir.kb.markdown;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.markdown.internal.Arguments;
import dev.savoir.kb.markdown.internal.Excerpts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Everything one parse of a body gives besides HTML: YAML front matter (for imports), plain text, headings, internal
 * links and images.
 *
 * @param frontMatter the YAML front matter keys and values ({@code title: Reset} gives {@code title=[Reset]}), empty
 *     when the body has none
 * @param plainText the text for indexing: no markup, no URLs unless the renderer was built to include them
 * @param toc the headings in order, with the ids the rendered HTML gives them
 * @param internalLinks links to other articles ({@code kb:ID}), in order
 * @param images images, in order
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record MarkdownDocument(Map<String, List<String>> frontMatter, String plainText,
                               List<RenderedArticle.Heading> toc, List<InternalLink> internalLinks,
                               List<Image> images) {
    /**
     * Copies the collections (the front matter's value lists too).
     *
     * @throws InvalidArgumentException if an argument is null or holds a null
     */
    public MarkdownDocument {
        frontMatter = Arguments.mapOfLists("frontMatter", frontMatter);
        Arguments.notNull("plainText", plainText);
        toc = Arguments.list("toc", toc);
        internalLinks = Arguments.list("internalLinks", internalLinks);
        images = Arguments.list("images", images);
    }

    /**
     * At most {@code maxChars} characters of the plain text on one line, cut at a word boundary, with an ellipsis
     * when something was cut.
     *
     * @throws InvalidArgumentException if {@code maxChars < 1}
     */
    public String excerpt(int maxChars) {
        Arguments.atLeast("maxChars", maxChars, 1);
        return Excerpts.excerpt(plainText, maxChars);
    }

    /** The number of words of the plain text. */
    public int wordCount() {
        return Excerpts.words(plainText);
    }

    /** The reading time at 200 words per minute, rounded up to whole minutes. */
    public Duration readingTime() {
        return Excerpts.readingTime(wordCount());
    }

    /**
     * A link to another article.
     *
     * @param target the article id as written after {@code kb:}
     * @param text the link text
     * @since 0.1
     */
    @API(status = API.Status.STABLE, since = "0.1")
    public record InternalLink(String target, String text) {
        /** @throws InvalidArgumentException if an argument is null */
        public InternalLink {
            Arguments.notNull("target", target);
            Arguments.notNull("text", text);
        }
    }

    /**
     * An image.
     *
     * @param source the image URL as written
     * @param alt the alternative text
     * @since 0.1
     */
    @API(status = API.Status.STABLE, since = "0.1")
    public record Image(String source, String alt) {
        /** @throws InvalidArgumentException if an argument is null */
        public Image {
            Arguments.notNull("source", source);
            Arguments.notNull("alt", alt);
        }
    }
}

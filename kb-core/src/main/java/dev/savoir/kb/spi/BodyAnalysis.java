package dev.savoir.kb.spi;

import dev.savoir.kb.InvalidArgumentException;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What a renderer finds in a body.
 *
 * @param plainText the text for indexing, without markup or URLs
 * @param internalLinks links to other articles ({@code kb:ID}), in order, including ones whose id is malformed
 * @param images image sources, in order
 * @param sections where each heading starts in {@code plainText}, in order (empty for a renderer that does not
 *     know headings, or a body without any): what a search engine splits passages at
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BodyAnalysis(String plainText, List<InternalLink> internalLinks, List<String> images,
                           List<Section> sections) {
    public BodyAnalysis {
        internalLinks = List.copyOf(internalLinks);
        images = List.copyOf(images);
        sections = List.copyOf(sections);
        int previous = 0;
        for (Section s : sections) {
            if (s.start() < previous || s.start() > plainText.length()) {
                throw new InvalidArgumentException("sections", "section starts must be in order and inside the plain "
                        + "text, got "
                        + s.start() + " after " + previous + " in " + plainText.length() + " characters");
            }
            previous = s.start();
        }
    }

    /** A body without known headings. */
    public BodyAnalysis(String plainText, List<InternalLink> internalLinks, List<String> images) {
        this(plainText, internalLinks, images, List.of());
    }

    /**
     * A heading of the body.
     *
     * @param level 1 to 6
     * @param heading the heading's text
     * @param anchor its anchor id in the rendered HTML (as in the table of contents)
     * @param start where the heading's text starts in the plain text
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public record Section(int level, String heading, String anchor, int start) {
    }

    /**
     * A link to another article.
     *
     * @param target the id as written after {@code kb:} (may be malformed; the publish gate reports it)
     * @param text the link text
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record InternalLink(String target, String text) {
    }
}

package dev.savoir.kb.spi;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What a renderer finds in a body.
 *
 * @param plainText the text for indexing, without markup or URLs
 * @param internalLinks links to other articles ({@code kb:ID}), in order, including ones whose id is malformed
 * @param images image sources, in order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BodyAnalysis(String plainText, List<InternalLink> internalLinks, List<String> images) {
    public BodyAnalysis {
        internalLinks = List.copyOf(internalLinks);
        images = List.copyOf(images);
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

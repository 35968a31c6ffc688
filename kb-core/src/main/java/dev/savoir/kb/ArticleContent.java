package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.util.List;

/**
 * The content of one revision of one translation: what readers read.
 *
 * @param title the title (required to publish)
 * @param summary a short summary, may be empty
 * @param body the body, in Markdown (required to publish)
 * @param tags localized keywords, may be empty
 * @since 0.1
 */
public record ArticleContent(String title, String summary, String body, List<String> tags) {
    public ArticleContent {
        title = title == null ? "" : title;
        summary = summary == null ? "" : summary;
        body = body == null ? "" : body;
        tags = tags == null ? List.of() : Check.noNulls("tags", tags).stream().map(String::strip)
                .filter(t -> !t.isEmpty()).distinct().toList();
    }

    /** Content with a title and a body, no summary and no tags. */
    public static ArticleContent of(String title, String body) {
        return new ArticleContent(Check.notNull("title", title), "", Check.notNull("body", body), List.of());
    }

    /** The SHA-256 of the content's fields, hex: what {@link Revision#contentHash()} records. */
    public String hash() {
        return dev.savoir.kb.internal.Contents.hash(this);
    }

    public ArticleContent withTitle(String newTitle) {
        return new ArticleContent(newTitle, summary, body, tags);
    }

    public ArticleContent withSummary(String newSummary) {
        return new ArticleContent(title, newSummary, body, tags);
    }

    public ArticleContent withBody(String newBody) {
        return new ArticleContent(title, summary, newBody, tags);
    }

    public ArticleContent withTags(List<String> newTags) {
        return new ArticleContent(title, summary, body, newTags);
    }
}

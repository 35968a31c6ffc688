package dev.savoir.kb.search;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.internal.Check;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One search result.
 *
 * @param articleId the article
 * @param locale the translation that matched (the nearest of the viewer's fallback chain)
 * @param revision the revision that matched
 * @param draft whether it is a working draft (only with {@link SearchRequest#includeDrafts()})
 * @param title its title
 * @param titleHighlights the matched words in {@code title}, as [start, end) character ranges
 * @param snippet a plain-text excerpt around the match, from the title, summary or body
 * @param highlights the matched words in {@code snippet}, as [start, end) character ranges
 * @param category its category
 * @param type its type
 * @param score the ranking score (comparable only within one response)
 * @param explanation why it ranked there, when {@link SearchRequest#explain()} was asked
 * @since 0.1
 */
public record SearchHit(ArticleId articleId, Locale locale, int revision, boolean draft, String title,
                        List<Highlight> titleHighlights, String snippet,
                        List<Highlight> highlights, CategoryPath category, ArticleType type, float score,
                        @Nullable Explanation explanation) {
    public SearchHit {
        Check.notNull("articleId", articleId);
        Check.notNull("locale", locale);
        Check.atLeast("revision", revision, 1);
        Check.notNull("title", title);
        titleHighlights = List.copyOf(Check.noNulls("titleHighlights", titleHighlights));
        Check.notNull("snippet", snippet);
        highlights = List.copyOf(Check.noNulls("highlights", highlights));
        Check.notNull("category", category);
        Check.notNull("type", type);
    }

    /**
     * A highlighted range of a title or snippet.
     *
     * @param start the first character
     * @param end one past the last character
     */
    public record Highlight(int start, int end) {
        public Highlight {
            Check.atLeast("start", start, 0);
            Check.atLeast("end", end, start);
        }
    }
}

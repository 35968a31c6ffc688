package dev.savoir.kb.internal.index;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Translation;
import dev.savoir.kb.Visibility;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What readers can see of an article: which revision of each translation is live, and the metadata that decides who
 * sees it and how it is filtered and counted. A commit that changes this for an article readers could see may narrow
 * what some viewer sees (a take-down, a visibility narrowed, a revision that removes content, a tag removed), so the
 * index is refreshed before the call returns; a commit that leaves it alone (a draft edited, a new draft) is not.
 */
record ReaderProjection(Map<String, Integer> liveRevisions, Visibility visibility, CategoryPath category,
                        ArticleType type, Set<String> tags, Map<String, String> attributes,
                        @Nullable Instant reviewDueAt) {

    static ReaderProjection of(Article a) {
        Map<String, Integer> live = new TreeMap<>();
        for (Translation t : a.translations().values()) {
            if (t.isLive()) {
                live.put(t.locale().toLanguageTag(), t.publishedRevision());
            }
        }
        return new ReaderProjection(live, a.visibility(), a.category(), a.type(), a.tags(), a.attributes(),
                a.reviewDueAt());
    }

    /** Whether readers could see anything of the article. */
    boolean visibleToSomeReader() {
        return !liveRevisions.isEmpty();
    }

    /** Whether going from {@code before} to {@code after} may take something away from a reader. */
    static boolean mayNarrow(@Nullable Article before, Article after) {
        if (before == null) {
            return false;
        }
        ReaderProjection was = of(before);
        return was.visibleToSomeReader() && !was.equals(of(after));
    }
}

package dev.savoir.kb.internal.store;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleVersionConflictException;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.spi.StoreCommit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks a group of commits against the current state before anything is written: article versions (optimistic
 * concurrency) and revision numbering (append-only, no gaps). Shared by both built-in stores.
 */
final class CommitValidator {
    private final Function<ArticleId, @Nullable Article> current;
    private final Map<ArticleId, Long> versions = new HashMap<>();
    private final Map<String, Integer> latest = new HashMap<>();

    CommitValidator(Function<ArticleId, @Nullable Article> current) {
        this.current = current;
    }

    void check(StoreCommit commit) {
        Article article = commit.article();
        ArticleId id = article.id();
        long currentVersion = versions.computeIfAbsent(id, k -> {
            Article a = current.apply(k);
            return a == null ? 0L : a.version();
        });
        if (commit.expectedVersion() != currentVersion) {
            throw new ArticleVersionConflictException(id, commit.expectedVersion(), currentVersion);
        }
        for (Revision r : commit.revisions()) {
            String key = id.value() + '\u0000' + r.locale().toLanguageTag();
            int last = latest.computeIfAbsent(key, k -> latestOf(id, r.locale()));
            if (r.number() != last + 1) {
                throw new InvalidArgumentException("revisions", "revision " + r.number() + " of " + id + " ["
                        + r.locale() + "] does not follow revision " + last
                        + ": revisions are append-only, numbered without gaps");
            }
            latest.put(key, r.number());
        }
        versions.put(id, article.version());
    }

    private int latestOf(ArticleId id, Locale locale) {
        Article a = current.apply(id);
        if (a == null) {
            return 0;
        }
        var t = a.translations().get(locale);
        return t == null ? 0 : t.latestRevision();
    }

    static void checkAll(List<StoreCommit> commits, Function<ArticleId, @Nullable Article> current) {
        CommitValidator v = new CommitValidator(current);
        for (StoreCommit c : commits) {
            v.check(c);
        }
    }
}

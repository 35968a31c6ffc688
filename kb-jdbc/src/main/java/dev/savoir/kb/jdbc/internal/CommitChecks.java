package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleVersionConflictException;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.spi.StoreCommit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a group of commits against the articles' current states before anything is written, with the rules and
 * the messages of kb-core's built-in stores (whose checker is internal to kb-core): the expected version must be
 * the current one (0 for an article that does not exist), and each revision must follow its translation's latest
 * without a gap. Commits to the same article apply in order.
 */
final class CommitChecks {
    private CommitChecks() {
    }

    /**
     * @param current the current state of every article the commits touch that exists (locked by the caller)
     * @throws ArticleVersionConflictException on a stale or duplicate version
     * @throws InvalidArgumentException on a revision out of sequence
     */
    static void checkAll(List<StoreCommit> commits, Map<ArticleId, Article> current) {
        Map<ArticleId, Long> versions = new HashMap<>();
        Map<String, Integer> latest = new HashMap<>();
        for (StoreCommit commit : commits) {
            Article article = commit.article();
            ArticleId id = article.id();
            long currentVersion = versions.computeIfAbsent(id, k -> {
                Article a = current.get(k);
                return a == null ? 0L : a.version();
            });
            if (commit.expectedVersion() != currentVersion) {
                throw new ArticleVersionConflictException(id, commit.expectedVersion(), currentVersion);
            }
            for (Revision r : commit.revisions()) {
                String key = id.value() + '\u0000' + r.locale().toLanguageTag();
                int last = latest.computeIfAbsent(key, k -> {
                    Article a = current.get(id);
                    Translation t = a == null ? null : a.translations().get(r.locale());
                    return t == null ? 0 : t.latestRevision();
                });
                if (r.number() != last + 1) {
                    throw new InvalidArgumentException("revisions", "revision " + r.number() + " of " + id + " ["
                            + r.locale() + "] does not follow revision " + last
                            + ": revisions are append-only, numbered without gaps");
                }
                latest.put(key, r.number());
            }
            versions.put(id, article.version());
        }
    }
}

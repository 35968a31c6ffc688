package dev.savoir.kb.spi;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleVersionConflictException;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Revision;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The rules every {@link ArticleStore} applies to a group of commits before it writes anything: the expected version
 * of each article must be its current one (0 for an article that does not exist yet), and each revision must follow
 * its translation's latest without a gap. Commits to the same article apply in order. The built-in stores and
 * kb-jdbc's use it, so a store of the host's own refuses what they refuse, with the same typed errors and messages.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StoreCommitRules {
    private final Function<ArticleId, @Nullable Article> current;
    private final Map<ArticleId, Long> versions = new HashMap<>();
    private final Map<String, Integer> latest = new HashMap<>();

    private StoreCommitRules(Function<ArticleId, @Nullable Article> current) {
        this.current = current;
    }

    private void check(StoreCommit commit) {
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

    /**
     * Checks the commits, in order, against the current articles.
     *
     * @param commits the group, in commit order
     * @param current the current state of an article, {@code null} when it does not exist (read under the store's
     *     write lock, so that nothing changes between the check and the write)
     * @throws ArticleVersionConflictException on a stale or duplicate version
     * @throws InvalidArgumentException on a revision out of sequence
     */
    public static void checkAll(List<StoreCommit> commits, Function<ArticleId, @Nullable Article> current) {
        StoreCommitRules v = new StoreCommitRules(current);
        for (StoreCommit c : commits) {
            v.check(c);
        }
    }
}

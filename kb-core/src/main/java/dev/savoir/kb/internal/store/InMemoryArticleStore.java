package dev.savoir.kb.internal.store;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.Revision;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.StoreChange;
import dev.savoir.kb.spi.StoreCommit;
import dev.savoir.kb.spi.StoreCommitRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A store that keeps everything in memory: for tests and throw-away knowledge bases. Nothing survives the JVM.
 * Thread-safe: writes are serialized, reads see whole commits only.
 */
public final class InMemoryArticleStore implements ArticleStore {
    private final Map<ArticleId, Entry> entries = new TreeMap<>();
    private long sequence;
    private boolean closed;

    private static final class Entry {
        Article article;
        long lastSequence;
        final Map<Locale, List<Revision>> revisions = new HashMap<>();
        final List<AuditEvent> events = new ArrayList<>();

        Entry(Article article) {
            this.article = article;
        }
    }

    @Override
    public synchronized Optional<Article> article(ArticleId id) {
        Entry e = entries.get(id);
        return e == null ? Optional.empty() : Optional.of(e.article);
    }

    @Override
    public synchronized List<ArticleId> articleIds() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized Optional<Revision> revision(ArticleId id, Locale locale, int number) {
        List<Revision> list = revisionList(id, locale);
        return number >= 1 && number <= list.size() ? Optional.of(list.get(number - 1)) : Optional.empty();
    }

    @Override
    public synchronized List<Revision> revisions(ArticleId id, Locale locale) {
        return List.copyOf(revisionList(id, locale));
    }

    private List<Revision> revisionList(ArticleId id, Locale locale) {
        Entry e = entries.get(id);
        return e == null ? List.of() : e.revisions.getOrDefault(locale, List.of());
    }

    @Override
    public synchronized List<AuditEvent> auditEvents(ArticleId id) {
        Entry e = entries.get(id);
        return e == null ? List.of() : List.copyOf(e.events);
    }

    @Override
    public synchronized long commit(StoreCommit commit) {
        return commitAll(List.of(commit));
    }

    @Override
    public synchronized long commitAll(List<StoreCommit> commits) {
        ensureOpen();
        StoreCommitRules.checkAll(commits, id -> {
            Entry e = entries.get(id);
            return e == null ? null : e.article;
        });
        for (StoreCommit c : commits) {
            long seq = ++sequence;
            Entry e = entries.computeIfAbsent(c.article().id(), k -> new Entry(c.article()));
            e.article = c.article();
            e.lastSequence = seq;
            for (Revision r : c.revisions()) {
                e.revisions.computeIfAbsent(r.locale(), k -> new ArrayList<>()).add(r);
            }
            e.events.addAll(c.events());
        }
        return sequence;
    }

    @Override
    public synchronized long lastSequence() {
        return sequence;
    }

    /**
     * The articles whose next transition is due, by the rule of the file store's index ({@code TransitionIndex}), so
     * that both stores answer alike; a scan, as an in-memory store stays small.
     */
    @Override
    public synchronized List<ArticleId> transitionsDue(Instant now) {
        List<ArticleId> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (TransitionIndex.isDue(TransitionIndex.key(ArticleStore.nextTransition(e.article)), now)) {
                out.add(e.article.id());
            }
        }
        return out;
    }

    @Override
    public synchronized List<StoreChange> changesSince(long since, int limit) {
        return entries.values().stream()
                .filter(e -> e.lastSequence > since)
                .sorted(Comparator.comparingLong(e -> e.lastSequence))
                .limit(limit)
                .map(e -> new StoreChange(e.lastSequence, e.article.id()))
                .toList();
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the store is closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}

package dev.savoir.kb.internal;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleNotFoundException;
import dev.savoir.kb.KbException;
import dev.savoir.kb.Locales;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationNotFoundException;
import dev.savoir.kb.policy.PermissionPolicy;
import dev.savoir.kb.spi.ArticleStore;
import java.time.Clock;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What every feature of one knowledge base shares: the store (the source of truth), the clock, the permission
 * policy, the observer, and whether the knowledge base is still open. The lookups here are the ones every feature repeats: an
 * article that must exist, a translation that must exist, a permission that must be granted.
 */
public final class KbContext {
    private final ArticleStore store;
    private final Clock clock;
    private final PermissionPolicy permissions;
    private final Locale defaultLocale;
    private final Observing observing;
    private volatile boolean closed;

    public KbContext(ArticleStore store, Clock clock, PermissionPolicy permissions, Locale defaultLocale) {
        this(store, clock, permissions, defaultLocale, Observing.NONE);
    }

    public KbContext(ArticleStore store, Clock clock, PermissionPolicy permissions, Locale defaultLocale,
                     Observing observing) {
        this.store = store;
        this.clock = clock;
        this.permissions = permissions;
        this.defaultLocale = defaultLocale;
        this.observing = observing;
    }

    /** The observer of this knowledge base's searches and writes ({@link Observing#NONE} without one). */
    public Observing observing() {
        return observing;
    }

    public ArticleStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public Locale defaultLocale() {
        return defaultLocale;
    }

    /** Marks the knowledge base closed: every later call fails with a clear error. */
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Fails if the knowledge base was closed. */
    public void requireOpen() {
        if (closed) {
            throw new KbException("this knowledge base is closed: open a new one with KnowledgeBase.builder()");
        }
    }

    /** The article, which must exist. */
    public Article load(@Nullable ArticleId id) {
        Check.notNull("id", id);
        return store.article(id).orElseThrow(() -> new ArticleNotFoundException("no article " + id));
    }

    /** The article's translation in {@code locale}, which must exist. */
    public static Translation translationOf(Article a, @Nullable Locale locale) {
        Translation t = a.translations().get(Locales.check(Check.notNull("locale", locale)));
        if (t == null) {
            throw new TranslationNotFoundException(a.id() + " has no translation in " + locale.toLanguageTag()
                    + " (it has " + a.translations().keySet().stream().map(Locale::toLanguageTag).sorted().toList()
                    + "): add one with addTranslation");
        }
        return t;
    }

    /** Refuses {@code action} unless the permission policy grants it to {@code actor} (on {@code article}). */
    public void permit(@Nullable Actor actor, Action action, @Nullable Article article) {
        Check.notNull("actor", actor);
        if (!permissions.permits(actor, action, article)) {
            throw new PermissionDeniedException(actor.id(), action, "the knowledge base's permission policy refuses it"
                    + (article == null ? "" : " on " + article.id()) + " (roles " + actor.roles() + ")");
        }
    }
}

package dev.savoir.kb.spi.tck;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.spi.StoreCommit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds store commits directly, for store conformance tests. */
public final class StoreFixtures {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private StoreFixtures() {
    }

    /** The commit that creates an article with revision 1 of its source translation. */
    public static StoreCommit create(String id, Locale locale, String title) {
        ArticleId aid = ArticleId.of(id);
        Translation t = new Translation(locale, TranslationState.DRAFT, 1, null, null, null, null, null, null, T0);
        Article a = new Article(aid, 1, CategoryPath.of("Billing", "Invoices"), ArticleType.FAQ, "owner",
                Set.of("billing"), Map.of("product", "crm"), Visibility.PUBLIC, locale, null, null, null, null, T0, T0,
                Map.of(locale, t));
        return new StoreCommit(a, 0, List.of(revision(aid, locale, 1, title)),
                List.of(new AuditEvent(T0, "alice", aid, locale, AuditAction.CREATED, null, TranslationState.DRAFT, 1,
                        "")));
    }

    /** The commit that adds the next revision to a translation of an existing article. */
    public static StoreCommit edit(Article current, Locale locale, String title) {
        Translation t = current.translations().get(locale);
        int number = t == null ? 1 : t.latestRevision() + 1;
        Translation next = new Translation(locale, TranslationState.DRAFT, number,
                t == null ? null : t.publishedRevision(), t == null ? null : t.translatedFrom(), null, null, null,
                null, T0.plusSeconds(current.version()));
        Map<Locale, Translation> translations = new LinkedHashMap<>(current.translations());
        translations.put(locale, next);
        Article a = new Article(current.id(), current.version() + 1, current.category(), current.type(),
                current.owner(), current.tags(), current.attributes(), current.visibility(), current.sourceLocale(),
                null, null, null, null, current.createdAt(), T0.plusSeconds(current.version()), translations);
        return new StoreCommit(a, current.version(), List.of(revision(current.id(), locale, number, title)),
                List.of(new AuditEvent(T0, "alice", current.id(), locale, AuditAction.EDITED, null,
                        TranslationState.DRAFT, number, "")));
    }

    public static Revision revision(ArticleId id, Locale locale, int number, String title) {
        ArticleContent c = new ArticleContent(title, "summary " + number, "# " + title + "\n\nBody of revision "
                + number + " with accents: équipe, Größe.", List.of("tag" + number));
        return new Revision(id, locale, number, c, "alice", T0.plusSeconds(number), "note " + number,
                "hash-" + number, null);
    }
}

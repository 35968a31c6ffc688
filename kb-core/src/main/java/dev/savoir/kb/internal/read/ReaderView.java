package dev.savoir.kb.internal.read;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleView;
import dev.savoir.kb.Locales;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.policy.LinkResolver;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.RenderContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a reader sees of an article: the visibility check (audience and segments, and stale articles hidden from
 * external viewers under {@link StalePolicy#HIDE_FROM_EXTERNAL}), the locale fallback ({@code fr-CA → fr → any
 * fr-* → the default locale}), and the published revision rendered as safe HTML. "Missing", "unpublished" and
 * "hidden" give the same empty answer, so that nothing leaks. The search engine applies the same rules in its own
 * viewer filter.
 */
public final class ReaderView {
    private final KbContext kb;
    private final StalePolicy stalePolicy;
    private final ContentRenderer renderer;
    private final LinkResolver linkResolver;

    public ReaderView(KbContext kb, StalePolicy stalePolicy, ContentRenderer renderer, LinkResolver linkResolver) {
        this.kb = kb;
        this.stalePolicy = stalePolicy;
        this.renderer = renderer;
        this.linkResolver = linkResolver;
    }

    public Optional<ArticleView> read(@Nullable ViewerContext viewer, @Nullable ArticleId id) {
        kb.requireOpen();
        Check.notNull("viewer", viewer);
        Check.notNull("id", id);
        Article a = kb.store().article(id).orElse(null);
        if (a == null || !viewer.canSee(a.visibility())) {
            return Optional.empty();
        }
        Instant now = kb.clock().instant();
        boolean stale = a.needsReview(now);
        if (stale && !viewer.internal() && stalePolicy == StalePolicy.HIDE_FROM_EXTERNAL) {
            return Optional.empty();
        }
        Translation t = bestLive(a, viewer.locale());
        if (t == null || t.publishedRevision() == null) {
            return Optional.empty();
        }
        Revision r = kb.store().revision(id, t.locale(), t.publishedRevision()).orElseThrow();
        return Optional.of(new ArticleView(id, t.locale(), r.number(), r.content(), a.category(), a.type(), a.tags(),
                a.attributes(), a.visibility(), Objects.requireNonNullElse(t.publishedAt(), r.createdAt()), stale,
                a.isOutdated(t.locale())));
    }

    /** The live translation a viewer asking for {@code wanted} reads, following the fallback chain. */
    private @Nullable Translation bestLive(Article a, Locale wanted) {
        for (Locale l : Locales.fallbackChain(wanted)) {
            Translation t = a.translations().get(l);
            if (t != null && t.isLive()) {
                return t;
            }
        }
        Translation sameLanguage = liveInLanguage(a, wanted.getLanguage());
        if (sameLanguage != null) {
            return sameLanguage;
        }
        Translation t = a.translations().get(kb.defaultLocale());
        if (t != null && t.isLive()) {
            return t;
        }
        return liveInLanguage(a, kb.defaultLocale().getLanguage());
    }

    private static @Nullable Translation liveInLanguage(Article a, String language) {
        return a.translations().values().stream()
                .filter(t -> t.isLive() && t.locale().getLanguage().equals(language))
                .min((x, y) -> x.locale().toLanguageTag().compareTo(y.locale().toLanguageTag()))
                .orElse(null);
    }

    /** The article as safe HTML; links to articles the viewer may not see render as plain text. */
    public Optional<RenderedArticle> render(@Nullable ViewerContext viewer, @Nullable ArticleId id) {
        return read(viewer, id).map(view -> new RenderedArticle(view, renderer.render(view.content().body(),
                new RenderContext(view.id(), view.revision(), view.locale(), viewer,
                        target -> linkTarget(viewer, target)))));
    }

    private Optional<String> linkTarget(ViewerContext viewer, String target) {
        if (!ArticleId.isValid(target)) {
            return Optional.empty();
        }
        return read(viewer, ArticleId.of(target)).map(v -> linkResolver.urlFor(v.id(), v.locale()));
    }
}

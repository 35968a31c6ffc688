package dev.savoir.kb.lucene.internal.query;

import dev.savoir.kb.Locales;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.index.Partition;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.spi.SearchEngineContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The one visibility filter: what a viewer may see (published or, for internal viewers asking, working
 * translations; public or segment visibility; not past review under the hiding stale policy) in the nearest locale
 * of the viewer's fallback chain. Every read path (search, counts, facets, suggestions, related, assist) applies it
 * inside its query. Thread-safe.
 */
public final class ViewerFilter {
    private final SearchEngineContext context;

    public ViewerFilter(SearchEngineContext context) {
        this.context = context;
    }

    /** A step of the locale fallback: a locale tag, or a language (any region). */
    private record Step(boolean language, String value) {
    }

    /** What the viewer may see; {@code drafts}: working translations instead of published ones (internal only). */
    public Query of(ViewerContext viewer, boolean drafts) {
        boolean working = drafts && viewer.internal();
        BooleanQuery.Builder f = new BooleanQuery.Builder();
        f.add(audience(viewer, working), Occur.FILTER);
        if (hidesStale(viewer)) {
            f.add(LongPoint.newRangeQuery(Fields.DUE, Long.MIN_VALUE, context.clock().millis()), Occur.MUST_NOT);
        }
        f.add(localeFilter(viewer, working), Occur.FILTER);
        return f.build();
    }

    /**
     * The passages the viewer may see are those of the translations {@link #of of(viewer, false)} lets it see (the
     * same audience, review-date and locale rules, on the passage documents' own copies of those fields; passages
     * exist for published translations only): this part, which stays the same from one search to the next for
     * viewers of the same shape (audience, segments, locale chain), minus {@link #passagesExcluded}.
     */
    public Query passagesStable(ViewerContext viewer) {
        return new BooleanQuery.Builder()
                .add(audience(viewer, new TermQuery(new Term(Fields.KIND, Fields.PSG))), Occur.FILTER)
                .add(localeFilter(viewer, false), Occur.FILTER).build();
    }

    /** What is removed from {@link #passagesStable} at this instant: passages past review, if hidden. */
    public List<Query> passagesExcluded(ViewerContext viewer) {
        return hidesStale(viewer) ? List.of(LongPoint.newRangeQuery(Fields.DUE, Long.MIN_VALUE,
                context.clock().millis())) : List.of();
    }

    /**
     * The documents whose content may shape the viewer's results: {@link #of} without the locale choice (a
     * translation in another locale is content the viewer may read too). The key names the audience: every internal
     * viewer shares one partition, every external viewer of the same segments another.
     */
    public Partition partition(ViewerContext viewer, boolean drafts) {
        boolean working = drafts && viewer.internal();
        String key;
        if (viewer.internal()) {
            key = working ? "internal-working" : "internal";
        } else {
            StringBuilder k = new StringBuilder("external");
            for (String segment : new TreeSet<>(viewer.segments())) {
                k.append('\u0000').append(segment);
            }
            key = k.toString();
        }
        return new Partition(key, audience(viewer, working), hidesStale(viewer), context.clock().millis());
    }

    /** Published (or working) documents of the visibilities the viewer belongs to. */
    private static Query audience(ViewerContext viewer, boolean working) {
        return audience(viewer, working ? new TermQuery(new Term(Fields.WORK, "1"))
                : new TermQuery(new Term(Fields.KIND, Fields.PUB)));
    }

    /** Documents of {@code kind} of the visibilities the viewer belongs to. */
    private static Query audience(ViewerContext viewer, Query kind) {
        BooleanQuery.Builder f = new BooleanQuery.Builder();
        f.add(kind, Occur.FILTER);
        if (!viewer.internal()) {
            BooleanQuery.Builder vis = new BooleanQuery.Builder();
            vis.add(new TermQuery(new Term(Fields.VIS, "public")), Occur.SHOULD);
            if (!viewer.segments().isEmpty()) {
                vis.add(new TermInSetQuery(Fields.SEG, viewer.segments().stream().map(BytesRef::new).toList()),
                        Occur.SHOULD);
            }
            f.add(vis.build(), Occur.FILTER);
        }
        return f.build();
    }

    /** Whether articles past their review date are hidden from this viewer. */
    private boolean hidesStale(ViewerContext viewer) {
        return !viewer.internal() && context.stalePolicy() == StalePolicy.HIDE_FROM_EXTERNAL;
    }

    /** The analysis keys of the languages a viewer may get hits in, nearest first. */
    public List<String> languageKeys(ViewerContext viewer) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(Analyzers.key(viewer.locale()));
        keys.add(Analyzers.key(context.defaultLocale()));
        return List.copyOf(keys);
    }

    private List<Step> localeSteps(ViewerContext viewer) {
        List<Step> steps = new ArrayList<>();
        for (Locale l : Locales.fallbackChain(viewer.locale())) {
            steps.add(new Step(false, l.toLanguageTag()));
        }
        steps.add(new Step(true, viewer.locale().getLanguage()));
        Locale def = context.defaultLocale();
        for (Locale l : Locales.fallbackChain(def)) {
            Step s = new Step(false, l.toLanguageTag());
            if (!steps.contains(s)) {
                steps.add(s);
            }
        }
        Step s = new Step(true, def.getLanguage());
        if (!steps.contains(s)) {
            steps.add(s);
        }
        return steps;
    }

    /** One document per article: the nearest translation of the viewer's fallback chain. */
    private Query localeFilter(ViewerContext viewer, boolean working) {
        List<Step> steps = localeSteps(viewer);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            if (s.language()) {
                b.add(new TermQuery(new Term(working ? Fields.WORK_LANG_REP : Fields.LANG_REP, s.value())),
                        Occur.FILTER);
            } else {
                b.add(new TermQuery(new Term(Fields.LOC, s.value())), Occur.FILTER);
            }
            for (int j = 0; j < i; j++) {
                Step p = steps.get(j);
                String field = p.language() ? (working ? Fields.WORK_AVAIL_LANG : Fields.AVAIL_LANG)
                        : (working ? Fields.WORK_AVAIL_LOC : Fields.AVAIL_LOC);
                b.add(new TermQuery(new Term(field, p.value())), Occur.MUST_NOT);
            }
            any.add(b.build(), Occur.SHOULD);
        }
        return any.build();
    }
}

package dev.savoir.kb.opensearch.internal;

import dev.savoir.kb.ArticleType;
import dev.savoir.kb.Locales;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.SearchEngineContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one visibility filter, as OpenSearch filter clauses: what a viewer may see (published or, for internal viewers
 * asking, working translations; public or segment visibility; not past review under the hiding stale policy) in the
 * nearest locale of its fallback chain. The {@link #partition partition} is the same without the locale choice:
 * the documents whose content may shape the viewer's results, over which every statistic is computed. Thread-safe.
 */
public final class Viewers {
    private final SearchEngineContext context;

    public Viewers(SearchEngineContext context) {
        this.context = context;
    }

    private record Step(boolean language, String value) {
    }

    /** What the viewer may see: a bool query of filters. */
    public ObjectNode filter(ViewerContext viewer, boolean drafts) {
        boolean working = drafts && viewer.internal();
        ObjectNode q = partition(viewer, drafts);
        ArrayNode filter = (ArrayNode) q.path("bool").path("filter");
        filter.add(localeFilter(viewer, working));
        return q;
    }

    /** The documents whose content may shape the viewer's results (every locale). */
    public ObjectNode partition(ViewerContext viewer, boolean drafts) {
        boolean working = drafts && viewer.internal();
        ObjectNode q = Cluster.object();
        ObjectNode bool = q.putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.add(working ? term("work", true) : term("kind", "pub"));
        if (!viewer.internal()) {
            ObjectNode vis = Cluster.object();
            ArrayNode should = vis.putObject("bool").putArray("should");
            should.add(term("vis", "public"));
            if (!viewer.segments().isEmpty()) {
                should.add(terms("seg", new TreeSet<>(viewer.segments())));
            }
            ((ObjectNode) vis.get("bool")).put("minimum_should_match", 1);
            filter.add(vis);
        }
        if (hidesStale(viewer)) {
            bool.putArray("must_not").add(range("due", null, context.clock().millis()));
        }
        return q;
    }

    /** A key naming the partition (the stale rule aside): viewers with the same key share their statistics. */
    public String partitionKey(ViewerContext viewer, boolean drafts) {
        if (viewer.internal()) {
            return drafts ? "internal-working" : "internal";
        }
        return "external" + new TreeSet<>(viewer.segments());
    }

    private boolean hidesStale(ViewerContext viewer) {
        return !viewer.internal() && context.stalePolicy() == StalePolicy.HIDE_FROM_EXTERNAL;
    }

    /** The analysis keys a viewer may get hits in, nearest first. */
    public List<String> languageKeys(ViewerContext viewer) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(Mapping.key(viewer.locale()));
        keys.add(Mapping.key(context.defaultLocale()));
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
    private ObjectNode localeFilter(ViewerContext viewer, boolean working) {
        List<Step> steps = localeSteps(viewer);
        ObjectNode any = Cluster.object();
        ObjectNode anyBool = any.putObject("bool");
        ArrayNode should = anyBool.putArray("should");
        anyBool.put("minimum_should_match", 1);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            ObjectNode b = Cluster.object();
            ObjectNode bool = b.putObject("bool");
            bool.putArray("filter").add(s.language()
                    ? term(working ? "work_lang_rep" : "lang_rep", s.value()) : term("loc", s.value()));
            ArrayNode not = bool.putArray("must_not");
            for (int j = 0; j < i; j++) {
                Step p = steps.get(j);
                String field = p.language() ? (working ? "work_avail_lang" : "avail_lang")
                        : (working ? "work_avail_loc" : "avail_loc");
                not.add(term(field, p.value()));
            }
            should.add(b);
        }
        return any;
    }

    /** The request's filters (categories, tags, types, attributes, publication dates), or null. */
    public static @Nullable ObjectNode requestFilter(SearchRequest r) {
        ObjectNode q = Cluster.object();
        ArrayNode f = q.putObject("bool").putArray("filter");
        if (!r.categories().isEmpty()) {
            f.add(terms("cat", r.categories().stream().map(Object::toString).toList()));
        }
        if (!r.tags().isEmpty()) {
            f.add(terms("tag", r.tags()));
        }
        if (!r.types().isEmpty()) {
            f.add(terms("type", r.types().stream().map(ArticleType::name).toList()));
        }
        for (Map.Entry<String, String> e : r.attributes().entrySet()) {
            f.add(term("attr", Docs.attr(e.getKey(), e.getValue())));
        }
        if (r.publishedAfter() != null || r.publishedBefore() != null) {
            ObjectNode range = Cluster.object();
            ObjectNode p = range.putObject("range").putObject("published_at");
            if (r.publishedAfter() != null) {
                p.put("gte", r.publishedAfter().toEpochMilli());
            }
            if (r.publishedBefore() != null) {
                p.put("lt", r.publishedBefore().toEpochMilli());
            }
            f.add(range);
        }
        return f.isEmpty() ? null : q;
    }

    public static ObjectNode term(String field, Object value) {
        ObjectNode t = Cluster.object();
        ObjectNode v = t.putObject("term");
        if (value instanceof Boolean b) {
            v.put(field, b);
        } else {
            v.put(field, value.toString());
        }
        return t;
    }

    public static ObjectNode terms(String field, java.util.Collection<String> values) {
        ObjectNode t = Cluster.object();
        ArrayNode a = t.putObject("terms").putArray(field);
        values.forEach(a::add);
        return t;
    }

    /** {@code from <= field <= to}; a null bound is open. */
    static ObjectNode range(String field, @Nullable Long from, @Nullable Long to) {
        ObjectNode r = Cluster.object();
        ObjectNode f = r.putObject("range").putObject(field);
        if (from != null) {
            f.put("gte", from);
        }
        if (to != null) {
            f.put("lte", to);
        }
        return r;
    }
}

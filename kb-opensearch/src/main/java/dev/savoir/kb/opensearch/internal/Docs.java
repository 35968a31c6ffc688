package dev.savoir.kb.opensearch.internal;

import dev.savoir.kb.Article;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.QueryNormalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The documents of an article: one per published translation ({@code pub}) and one per working draft
 * ({@code draft}), each with the viewer filter's fields (audience, the locale choice, the review date), the request
 * filters' and facets' (category paths, tags, type, attributes, publication date), the signals and the text of its
 * language. A document's id is {@code id|kind|locale}, so the set an article has is known without a search.
 */
public final class Docs {
    /** The longest body kept in the source for snippets. */
    static final int STORED_BODY_CHARS = 20_000;

    private Docs() {
    }

    /** A document to write. */
    public record Doc(String id, ObjectNode source) {
    }

    /** The document id of an article's translation of a kind. */
    public static String docId(String article, String kind, Locale locale) {
        return article + "|" + kind + "|" + locale.toLanguageTag();
    }

    /** The documents of an article as it is now (none when nothing is published or drafted). */
    public static List<Doc> of(IndexableArticle ia, ArticleSignals signals, ContentRenderer renderer) {
        Article a = ia.article();
        Set<Locale> pubLocales = ia.published().keySet();
        Set<Locale> workLocales = new HashSet<>(pubLocales);
        workLocales.addAll(ia.drafts().keySet());
        List<Doc> out = new ArrayList<>();
        for (Map.Entry<Locale, Revision> e : ia.published().entrySet()) {
            Locale l = e.getKey();
            Revision r = e.getValue();
            Translation t = a.translations().get(l);
            Instant at = t != null && t.publishedAt() != null ? t.publishedAt() : r.createdAt();
            boolean working = !ia.drafts().containsKey(l);
            out.add(new Doc(docId(a.id().value(), "pub", l), doc(a, r, "pub", working, pubLocales, workLocales, at,
                    signals, renderer)));
        }
        for (Map.Entry<Locale, Revision> e : ia.drafts().entrySet()) {
            Revision r = e.getValue();
            out.add(new Doc(docId(a.id().value(), "draft", e.getKey()), doc(a, r, "draft", true, Set.of(),
                    workLocales, r.createdAt(), signals, renderer)));
        }
        return out;
    }

    private static boolean representative(Locale l, Set<Locale> locales) {
        return locales.stream().filter(x -> x.getLanguage().equals(l.getLanguage()))
                .min(Comparator.comparing(Locale::toLanguageTag)).map(l::equals).orElse(false);
    }

    private static ObjectNode doc(Article a, Revision r, String kind, boolean working, Set<Locale> pubLocales,
                                  Set<Locale> workLocales, Instant publishedAt, ArticleSignals signals,
                                  ContentRenderer renderer) {
        ObjectNode d = Cluster.object();
        Locale l = r.locale();
        d.put("kind", kind);
        d.put("id", a.id().value());
        d.put("loc", l.toLanguageTag());
        d.put("work", working);
        if (!kind.equals("draft")) {
            if (representative(l, pubLocales)) {
                d.put("lang_rep", l.getLanguage());
            }
            ArrayNode locs = d.putArray("avail_loc");
            ArrayNode langs = d.putArray("avail_lang");
            for (Locale p : new TreeSet<>(pubLocales.stream().map(Locale::toLanguageTag).toList()).stream()
                    .map(Locale::forLanguageTag).toList()) {
                locs.add(p.toLanguageTag());
                langs.add(p.getLanguage());
            }
        }
        if (working) {
            if (representative(l, workLocales)) {
                d.put("work_lang_rep", l.getLanguage());
            }
            ArrayNode locs = d.putArray("work_avail_loc");
            ArrayNode langs = d.putArray("work_avail_lang");
            for (Locale p : workLocales) {
                locs.add(p.toLanguageTag());
                langs.add(p.getLanguage());
            }
        }
        d.put("vis", switch (a.visibility().audience()) {
            case PUBLIC -> "public";
            case INTERNAL -> "internal";
            case SEGMENTS -> "segments";
        });
        ArrayNode seg = d.putArray("seg");
        new TreeSet<>(a.visibility().segments()).forEach(seg::add);
        ArrayNode cat = d.putArray("cat");
        for (CategoryPath p : a.category().selfAndAncestors()) {
            cat.add(p.toString());
        }
        d.put("category", a.category().toString());
        ArrayNode tag = d.putArray("tag");
        new TreeSet<>(a.tags()).forEach(tag::add);
        d.put("type", a.type().name());
        ArrayNode attr = d.putArray("attr");
        new LinkedHashMap<>(a.attributes()).forEach((k, v) -> attr.add(attr(k, v)));
        d.put("published_at", publishedAt.toEpochMilli());
        d.put("due", a.reviewDueAt() == null ? Long.MAX_VALUE : a.reviewDueAt().toEpochMilli());
        signals(d, signals);
        d.put("rev", r.number());

        String key = Mapping.key(l);
        String title = r.content().title();
        String summary = r.content().summary();
        String body = renderer.analyze(r.content().body()).plainText();
        List<String> tagWords = new ArrayList<>(r.content().tags());
        tagWords.addAll(new TreeSet<>(a.tags()));
        String tags = String.join(" ; ", tagWords);
        String category = String.join(" ; ", a.category().segments());
        d.put("title", title);
        d.put("summary", summary);
        d.put("body", body.length() > STORED_BODY_CHARS ? body.substring(0, STORED_BODY_CHARS) : body);
        d.put(Mapping.text("title", key), title);
        d.put(Mapping.text("body", key), body);
        if (!tags.isEmpty()) {
            d.put(Mapping.text("tags", key), tags);
        }
        if (!summary.isEmpty()) {
            d.put(Mapping.text("summary", key), summary);
        }
        d.put(Mapping.text("all", key), title + "\n" + summary + "\n" + tags + "\n" + category + "\n" + body);
        d.put("spell", title + "\n" + summary + "\n" + body);
        d.put("ac", title);
        d.put("ac_sort", QueryNormalizer.normalize(title) + "\u0000" + a.id().value());
        return d;
    }

    /** Writes the signals' fields. */
    static void signals(ObjectNode d, ArticleSignals s) {
        d.put("up", s.helpfulVotes());
        d.put("down", s.unhelpfulVotes());
        d.put("views", s.views());
        d.put("views_at", s.asOf().toEpochMilli());
    }

    /** An attribute as one keyword. */
    public static String attr(String key, String value) {
        return key + '\u0000' + value;
    }
}

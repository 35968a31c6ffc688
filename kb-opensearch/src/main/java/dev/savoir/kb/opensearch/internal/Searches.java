package dev.savoir.kb.opensearch.internal;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.SemanticSearchUnavailableException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.Explanation;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.PromotionRule;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.Promotions;
import dev.savoir.kb.spi.QueryNormalizer;
import dev.savoir.kb.spi.SearchEngineContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read paths: search (text query, viewer and request filters, signals, facets, highlights, did-you-mean),
 * autocomplete, related articles and agent assist. Each applies the viewer filter inside its query, and ties in
 * score are broken by article id and locale, so that the same content gives the same answer. A search applies the
 * promotion rules that match its query: blocked articles are taken out in the filter (so totals and facets leave
 * them out too), promoted ones have their score multiplied inside the signals script, and pinned ones match
 * whatever the words and sort first, in rule order, still under the viewer's and the request's filters (so a pin
 * never shows an article the viewer may not see). Thread-safe.
 */
public final class Searches {
    private static final int DID_YOU_MEAN_BELOW = 3;
    private static final int SNIPPET_CHARS = 200;
    private static final char PRE = '\u0001';
    private static final char POST = '\u0002';
    private static final int RELATED_TERMS = 20;
    private static final int ASSIST_TERMS = 16;
    private static final String SIGNALS = String.join("\n",
            "long up = doc['up'].size() == 0 ? 0 : doc['up'].value;",
            "long down = doc['down'].size() == 0 ? 0 : doc['down'].value;",
            "long views = doc['views'].size() == 0 ? 0 : doc['views'].value;",
            "long va = doc['views_at'].size() == 0 ? params.now : doc['views_at'].value;",
            "long pub = doc['published_at'].size() == 0 ? params.now : doc['published_at'].value;",
            "long due = doc['due'].size() == 0 ? Long.MAX_VALUE : doc['due'].value;",
            "double p = 1.0;",
            "if (params.hw > 0 && (up | down) != 0) { double r = (up + 5.0) / (up + down + 10.0);"
                    + " p *= 1 + params.hw * (2 * r - 1); }",
            "if (params.pw > 0 && views > 0) { double d = views * Math.pow(2, -Math.max(0L, params.now - va) / params.hp);"
                    + " p *= 1 + params.pw * Math.min(1.0, Math.log1p(d) / params.vs); }",
            "if (params.fw > 0) { p *= 1 + params.fw * Math.pow(2, -Math.max(0L, params.now - pub) / params.hf); }",
            "if (params.demote && due <= params.now) { p *= params.sd; }",
            "if (!params.pr.isEmpty()) { def b = params.pr.get(doc['id'].value); if (b != null) { p *= b; } }",
            "return p;");

    private final Cluster cluster;
    private final Options o;
    private final SearchEngineContext context;
    private final Viewers viewers;
    private final TextQueries text;

    public Searches(Cluster cluster, Options options, SearchEngineContext context, Viewers viewers,
                    TextQueries text) {
        this.cluster = cluster;
        this.o = options;
        this.context = context;
        this.viewers = viewers;
        this.text = text;
    }

    private ObjectNode filters(ObjectNode bool, ViewerContext viewer, boolean drafts, @Nullable ObjectNode req) {
        ArrayNode f = bool.putArray("filter");
        f.add(viewers.filter(viewer, drafts));
        if (req != null) {
            f.add(req);
        }
        return bool;
    }

    private ObjectNode withSignals(ObjectNode query, Map<String, Float> promoted) {
        ObjectNode fs = Cluster.object();
        ObjectNode f = fs.putObject("function_score");
        f.set("query", query);
        ObjectNode script = f.putObject("script_score").putObject("script");
        script.put("source", SIGNALS);
        ObjectNode p = script.putObject("params");
        p.put("now", context.clock().millis()).put("hw", o.helpfulnessWeight()).put("pw", o.popularityWeight())
                .put("fw", o.freshnessWeight()).put("sd", o.staleDemotion())
                .put("hp", (double) o.popularityHalfLife().toMillis())
                .put("hf", (double) o.freshnessHalfLife().toMillis()).put("vs", Math.log1p(10_000))
                .put("demote", context.stalePolicy() == StalePolicy.DEMOTE);
        ObjectNode pr = p.putObject("pr");
        promoted.forEach((id, boost) -> pr.put(id, (double) boost));
        f.put("boost_mode", "multiply");
        return fs;
    }

    private static void sort(ObjectNode body) {
        ArrayNode sort = body.putArray("sort");
        sort.add("_score");
        sort.addObject().put("id", "asc");
        sort.addObject().put("loc", "asc");
    }

    public SearchResponse search(String index, SearchRequest request, ViewerContext viewer, long started) {
        SearchMode mode = request.mode() == null ? SearchMode.LEXICAL : request.mode();
        if (mode != SearchMode.LEXICAL) {
            throw new SemanticSearchUnavailableException("a " + mode.name().toLowerCase(Locale.ROOT) + " search needs "
                    + "an embedding model, which the OpenSearch engine does not have (the k-NN plugin is not used): "
                    + "search lexically, or use kb-lucene with kb-semantic");
        }
        boolean drafts = request.includeDrafts() && viewer.internal();
        TextQueries.Parsed q = TextQueries.Parsed.of(request.query());
        List<String> keys = viewers.languageKeys(viewer);
        ObjectNode partition = viewers.partition(viewer, drafts);
        TextQueries.Built built = text.build(index, q, keys, partition, viewer.locale());
        Promotions rules = Promotions.of(o.rules(), context.clock().instant(), request.query(), viewer);
        boolean hasText = !q.words().isEmpty() || !q.phrases().isEmpty();
        ObjectNode query = Cluster.object();
        ObjectNode outer = filters(query.putObject("bool"), viewer, drafts, Viewers.requestFilter(request));
        if (!rules.blocked().isEmpty()) {
            ((ArrayNode) outer.get("filter")).addObject().putObject("bool").set("must_not",
                    terms("id", rules.blocked()));
        }
        // with pins, the words' query is one way to match and the pinned ids the other
        boolean pins = !rules.pinned().isEmpty() && hasText;
        ObjectNode bool = outer;
        if (pins) {
            ArrayNode either = outer.putArray("should");
            bool = either.addObject().putObject("bool");
            either.addObject().putObject("constant_score").put("boost", 0f).set("filter",
                    terms("id", rules.pinned()).get(0));
            outer.put("minimum_should_match", 1);
        }
        if (hasText) {
            if (!built.hasPositive() && built.must().isEmpty()) {
                bool.putArray("must").addObject().putObject("match_none");
            } else if (built.hasPositive()) {
                bool.set("should", built.should());
                bool.put("minimum_should_match", 1);
            }
            if (!built.must().isEmpty()) {
                ArrayNode must = bool.has("must") ? (ArrayNode) bool.get("must") : bool.putArray("must");
                built.must().forEach(must::add);
            }
        }
        if (!built.mustNot().isEmpty()) {
            bool.set("must_not", built.mustNot());
        }
        ObjectNode body = Cluster.object();
        body.put("from", request.offset()).put("size", request.limit());
        boolean exact = !request.facets().isEmpty() || request.exactTotal();
        if (exact) {
            body.put("track_total_hits", true);
        } else {
            body.put("track_total_hits", SearchRequest.EXACT_TOTAL_UP_TO);
        }
        body.set("query", withSignals(query, rules.promoted()));
        if (!rules.pinned().isEmpty()) {
            ObjectNode order = Cluster.object();
            rules.pinned().forEach(id -> order.put(id, rules.pinned().indexOf(id)));
            body.put("track_scores", true);
            ArrayNode sort = body.putArray("sort");
            ObjectNode script = sort.addObject().putObject("_script");
            script.put("type", "number").put("order", "asc");
            ObjectNode src = script.putObject("script");
            src.put("source", "def i = params.pins.get(doc['id'].value); return i == null ? params.none : i;");
            src.putObject("params").put("none", rules.pinned().size()).set("pins", order);
            sort.add("_score");
            sort.addObject().put("id", "asc");
            sort.addObject().put("loc", "asc");
        } else {
            sort(body);
        }
        if (!request.facets().isEmpty()) {
            ObjectNode aggs = body.putObject("aggs");
            for (Facet f : request.facets()) {
                ObjectNode t = aggs.putObject(f.name()).putObject("terms");
                t.put("field", switch (f) {
                    case CATEGORY -> "cat";
                    case TAG -> "tag";
                    case TYPE -> "type";
                    case LOCALE -> "loc";
                }).put("size", request.facetValues()).put("shard_size", SearchRequest.MAX_FACET_VALUES);
                ArrayNode order = t.putArray("order");
                order.addObject().put("_count", "desc");
                order.addObject().put("_key", "asc");
            }
        }
        if (request.snippets()) {
            highlight(body, keys, built.highlight());
        } else {
            // the body and summary feed only the snippet
            body.putObject("_source").putArray("excludes").add("body").add("summary");
        }
        JsonNode r = cluster.call("searching", "POST", "/" + index + "/_search", body);
        JsonNode total = r.path("hits").path("total");
        long matches = total.path("value").asLong();
        boolean totalExact = total.path("relation").asString("eq").equals("eq");
        List<SearchHit> hits = new ArrayList<>();
        for (JsonNode h : r.path("hits").path("hits")) {
            hits.add(hit(h, keys, request.explain(), request.snippets(), rules));
        }
        Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
        for (Facet f : request.facets()) {
            List<FacetCount> counts = new ArrayList<>();
            for (JsonNode b : r.path("aggregations").path(f.name()).path("buckets")) {
                counts.add(new FacetCount(b.path("key").asString(), b.path("doc_count").asLong()));
            }
            facets.put(f, counts);
        }
        String suggestion = null;
        if (matches < DID_YOU_MEAN_BELOW && !q.words().isEmpty()) {
            suggestion = didYouMean(index, q, partition);
        }
        return new SearchResponse(hits, matches, totalExact, facets, suggestion,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static void highlight(ObjectNode body, List<String> keys, Map<String, Set<String>> terms) {
        ObjectNode h = body.putObject("highlight");
        h.putArray("pre_tags").add(String.valueOf(PRE));
        h.putArray("post_tags").add(String.valueOf(POST));
        h.put("type", "unified");
        ObjectNode fields = h.putObject("fields");
        for (String key : keys) {
            Set<String> ts = terms.getOrDefault(key, Set.of());
            for (String f : List.of("title", "body")) {
                String field = Mapping.text(f, key);
                ObjectNode spec = fields.putObject(field);
                if (f.equals("title")) {
                    spec.put("number_of_fragments", 0);
                } else {
                    spec.put("number_of_fragments", 1).put("fragment_size", SNIPPET_CHARS);
                }
                ObjectNode hq = spec.putObject("highlight_query");
                ObjectNode hb = hq.putObject("bool");
                ArrayNode should = hb.putArray("should");
                for (String t : ts) {
                    should.addObject().putObject("term").put(field, t);
                }
                if (ts.isEmpty()) {
                    hb.putArray("must").addObject().putObject("match_none");
                }
            }
        }
    }

    /** A marked fragment as its text and the ranges between the markers. */
    private record Marked(String text, List<SearchHit.Highlight> highlights) {
        static Marked of(String s) {
            StringBuilder out = new StringBuilder(s.length());
            List<SearchHit.Highlight> hl = new ArrayList<>();
            int start = -1;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == PRE) {
                    start = out.length();
                } else if (c == POST) {
                    if (start >= 0) {
                        hl.add(new SearchHit.Highlight(start, out.length()));
                    }
                    start = -1;
                } else {
                    out.append(c);
                }
            }
            return new Marked(out.toString(), hl);
        }
    }

    /**
     * The start of {@code text} up to {@code max} characters, cut before the word that crosses the limit (so no word
     * is shown cut in two); a single word longer than the limit is cut at it.
     */
    static String wordsWithin(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max;
        while (cut > 0 && !Character.isWhitespace(text.charAt(cut))) {
            cut--;
        }
        return cut == 0 ? text.substring(0, max) : text.substring(0, cut).strip();
    }

    /** A filter clause matching documents whose {@code field} holds one of {@code values}, in a one-clause array. */
    private static ArrayNode terms(String field, java.util.Collection<String> values) {
        ArrayNode a = Cluster.JSON.createArrayNode();
        ArrayNode in = a.addObject().putObject("terms").putArray(field);
        values.stream().sorted().forEach(in::add);
        return a;
    }

    /**
     * A hit of the response; without snippets its snippet is empty and it has no highlights. Under a sort on pins
     * first, the score is the hit's second sort value.
     */
    private SearchHit hit(JsonNode h, List<String> keys, boolean explain, boolean snippets, Promotions rules) {
        JsonNode s = h.path("_source");
        String title = s.path("title").asString();
        List<SearchHit.Highlight> titleHl = List.of();
        String snippet = snippets ? null : "";
        List<SearchHit.Highlight> hl = List.of();
        for (String key : snippets ? keys : List.<String>of()) {
            JsonNode t = h.path("highlight").path(Mapping.text("title", key)).path(0);
            if (!t.isMissingNode() && titleHl.isEmpty()) {
                Marked m = Marked.of(t.asString());
                if (m.text().equals(title)) {
                    titleHl = m.highlights();
                }
            }
            JsonNode b = h.path("highlight").path(Mapping.text("body", key)).path(0);
            if (!b.isMissingNode() && snippet == null) {
                Marked m = Marked.of(b.asString());
                snippet = m.text();
                hl = m.highlights();
            }
        }
        if (snippet == null) {
            String body = s.path("body").asString();
            String summary = s.path("summary").asString();
            String from = summary.isEmpty() ? body : summary;
            snippet = wordsWithin(from, SNIPPET_CHARS);
        }
        JsonNode sc = h.path("_score");
        float score = (float) (sc.isNumber() ? sc.asDouble()
                : h.path("sort").path(rules.pinned().isEmpty() ? 0 : 1).asDouble(0));
        Explanation ex = null;
        if (explain) {
            String id = s.path("id").asString();
            float promo = rules.promoted().getOrDefault(id, 1f);
            double m = multiplier(s) * promo;
            List<String> applied = new ArrayList<>();
            for (PromotionRule r : rules.rules()) {
                if (r.articleId().value().equals(id) && !rules.blocked().contains(id)) {
                    applied.add(r.action() + " \"" + r.query() + "\""
                            + (r.action() == PromotionRule.Action.PROMOTE ? " x" + r.boost() : ""));
                }
            }
            Map<String, Double> signals = promo == 1f ? Map.of("signals", m)
                    : Map.of("signals", m, "promotion", (double) promo);
            ex = new Explanation(m == 0 ? 0 : score / m, Map.of(), signals, applied, score);
        }
        return new SearchHit(ArticleId.of(s.path("id").asString()), Locale.forLanguageTag(s.path("loc").asString()),
                s.path("rev").asInt(), "draft".equals(s.path("kind").asString()), title, titleHl, snippet, hl,
                CategoryPath.parse(s.path("category").asString()), ArticleType.of(s.path("type").asString()),
                score, ex);
    }

    /** The signals' multiplier, as the search script computes it. */
    private double multiplier(JsonNode s) {
        long now = context.clock().millis();
        long up = s.path("up").asLong();
        long down = s.path("down").asLong();
        long views = s.path("views").asLong();
        double p = 1;
        if (o.helpfulnessWeight() > 0 && (up | down) != 0) {
            double r = (up + 5.0) / (up + down + 10.0);
            p *= 1 + o.helpfulnessWeight() * (2 * r - 1);
        }
        if (o.popularityWeight() > 0 && views > 0) {
            double d = views * Math.pow(2, -Math.max(0L, now - s.path("views_at").asLong(now))
                    / (double) o.popularityHalfLife().toMillis());
            p *= 1 + o.popularityWeight() * Math.min(1.0, Math.log1p(d) / Math.log1p(10_000));
        }
        if (o.freshnessWeight() > 0) {
            p *= 1 + o.freshnessWeight() * Math.pow(2, -Math.max(0L, now - s.path("published_at").asLong(now))
                    / (double) o.freshnessHalfLife().toMillis());
        }
        if (context.stalePolicy() == StalePolicy.DEMOTE && s.path("due").asLong(Long.MAX_VALUE) <= now) {
            p *= o.staleDemotion();
        }
        return p;
    }

    /**
     * A spelling of the query whose words the viewer's partition holds: each word absent from it replaced by the
     * most frequent partition word within two edits (the first letter kept); null when none is replaced.
     */
    private @Nullable String didYouMean(String index, TextQueries.Parsed q, ObjectNode partition) {
        List<String> words = new ArrayList<>();
        for (String w : q.words()) {
            String n = QueryNormalizer.normalize(w);
            if (!n.isEmpty() && !n.contains(" ")) {
                words.add(n);
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        ObjectNode body = Cluster.object();
        body.put("size", 0);
        body.set("query", partition);
        ObjectNode aggs = body.putObject("aggs");
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            aggs.putObject("e" + i).putObject("filter").putObject("term").put("spell", w);
            if (w.length() < 3) {
                continue;
            }
            int edits = w.length() >= 6 ? 2 : 1;
            ObjectNode a = aggs.putObject("n" + i);
            a.putObject("filter").putObject("fuzzy").putObject("spell").put("value", w).put("fuzziness", edits)
                    .put("prefix_length", 1).put("max_expansions", 1000).put("transpositions", true);
            a.putObject("aggs").putObject("v").putObject("terms").put("field", "spell").put("size", 500)
                    .put("include", w.codePoints().allMatch(Character::isLetterOrDigit)
                            ? w.substring(0, 1) + ".{" + Math.max(0, w.length() - 1 - edits) + ","
                            + (w.length() - 1 + edits) + "}" : "$^");
        }
        JsonNode r = cluster.call("suggesting a spelling", "POST", "/" + index + "/_search", body);
        JsonNode res = r.path("aggregations");
        boolean changed = false;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (res.path("e" + i).path("doc_count").asLong() > 0 || w.length() < 3) {
                out.add(w);
                continue;
            }
            int edits = w.length() >= 6 ? 2 : 1;
            String best = null;
            long bestDf = 0;
            int bestD = Integer.MAX_VALUE;
            for (JsonNode b : res.path("n" + i).path("v").path("buckets")) {
                String c = b.path("key").asString();
                int d = Edits.distance(w, c, edits);
                long df = b.path("doc_count").asLong();
                if (d <= edits && c.charAt(0) == w.charAt(0) && (d < bestD || d == bestD && (df > bestDf
                        || df == bestDf && c.compareTo(best) < 0))) {
                    best = c;
                    bestDf = df;
                    bestD = d;
                }
            }
            if (best != null) {
                out.add(best);
                changed = true;
            } else {
                out.add(w);
            }
        }
        return changed ? String.join(" ", out) : null;
    }

    /** Titles of articles the viewer may see whose words start with what is typed, in title order. */
    public List<Suggestion> autocomplete(String index, String prefix, int limit, ViewerContext viewer) {
        String n = QueryNormalizer.normalize(prefix);
        if (n.isEmpty()) {
            return List.of();
        }
        List<String> words = List.of(n.split(" "));
        boolean complete = !prefix.isEmpty() && !Character.isLetterOrDigit(prefix.charAt(prefix.length() - 1));
        ObjectNode query = Cluster.object();
        ObjectNode bool = filters(query.putObject("bool"), viewer, false, null);
        ArrayNode f = (ArrayNode) bool.get("filter");
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i == words.size() - 1 && !complete) {
                f.addObject().putObject("prefix").put("ac", w);
            } else {
                f.addObject().putObject("term").put("ac", w);
            }
        }
        ObjectNode body = Cluster.object();
        body.put("size", limit);
        body.set("query", query);
        body.putArray("sort").addObject().put("ac_sort", "asc");
        body.putArray("_source").add("id").add("title");
        JsonNode r = cluster.call("autocompleting", "POST", "/" + index + "/_search", body);
        List<Suggestion> out = new ArrayList<>();
        for (JsonNode h : r.path("hits").path("hits")) {
            out.add(new Suggestion(h.path("_source").path("title").asString(),
                    ArticleId.of(h.path("_source").path("id").asString())));
        }
        return out;
    }

    /**
     * Articles like one the viewer may see: its most distinctive words (frequency in it times inverse frequency in
     * the viewer's partition) searched among the other articles the viewer may see.
     */
    public List<SearchHit> related(String index, ArticleId id, int limit, ViewerContext viewer) {
        ObjectNode query = Cluster.object();
        ObjectNode bool = filters(query.putObject("bool"), viewer, false, null);
        ((ArrayNode) bool.get("filter")).add(Viewers.term("id", id.value()));
        ObjectNode body = Cluster.object();
        body.put("size", 1);
        body.set("query", query);
        body.putArray("_source").add("loc");
        JsonNode found = cluster.call("finding related articles", "POST", "/" + index + "/_search", body)
                .path("hits").path("hits").path(0);
        if (found.isMissingNode()) {
            return List.of();
        }
        String key = Mapping.key(Locale.forLanguageTag(found.path("_source").path("loc").asString()));
        String all = Mapping.text("all", key);
        ObjectNode tv = Cluster.object();
        tv.putArray("fields").add(all);
        tv.put("term_statistics", false).put("field_statistics", false).put("positions", false)
                .put("offsets", false);
        JsonNode vec = cluster.call("reading an article's words", "POST", "/" + index + "/_termvectors/"
                + java.net.URLEncoder.encode(found.path("_id").asString(), java.nio.charset.StandardCharsets.UTF_8),
                tv);
        Map<String, Long> tf = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : vec.path("term_vectors").path(all).path("terms").properties()) {
            tf.put(e.getKey(), e.getValue().path("term_freq").asLong());
        }
        List<String> candidates = tf.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(100).map(Map.Entry::getKey).toList();
        return similar(index, key, candidates, tf, RELATED_TERMS, id, limit, viewer).stream()
                .map(AssistHit::hit).toList();
    }

    /** Articles answering a ticket: its most distinctive words searched with the viewer's filter. */
    public List<AssistHit> assist(String index, String subject, String description, int limit,
                                  ViewerContext viewer) {
        String ticket = (subject + "\n" + description);
        ticket = ticket.length() > 20_000 ? ticket.substring(0, 20_000) : ticket;
        String key = viewers.languageKeys(viewer).getFirst();
        Map<String, Long> tf = new LinkedHashMap<>();
        Map<String, String> surface = new HashMap<>();
        ObjectNode body = Cluster.object().put("analyzer", "savoir_" + key).put("text", ticket);
        JsonNode r = cluster.call("analyzing a ticket", "POST", "/" + index + "/_analyze", body);
        for (JsonNode t : r.path("tokens")) {
            String term = t.path("token").asString();
            tf.merge(term, 1L, Long::sum);
            int start = t.path("start_offset").asInt();
            int end = t.path("end_offset").asInt();
            if (start >= 0 && end <= ticket.length() && start < end) {
                // the ticket's own word, as the agent wrote it (the index holds its stem)
                surface.putIfAbsent(term, ticket.substring(start, end).toLowerCase(Locale.ROOT));
            }
            if (tf.size() >= 200) {
                break;
            }
        }
        List<AssistHit> hits = similar(index, key, new ArrayList<>(tf.keySet()), tf, ASSIST_TERMS, null, limit,
                viewer);
        List<AssistHit> out = new ArrayList<>(hits.size());
        for (AssistHit h : hits) {
            out.add(new AssistHit(h.hit(), h.matchedTerms().stream().map(t -> surface.getOrDefault(t, t)).distinct()
                    .toList()));
        }
        return out;
    }

    private List<AssistHit> similar(String index, String key, List<String> candidates, Map<String, Long> tf,
                                    int keep, @Nullable ArticleId exclude, int limit, ViewerContext viewer) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        ObjectNode partition = viewers.partition(viewer, false);
        TextQueries.Stats stats = text.stats(index, partition, Map.of(key, candidates), false);
        String all = Mapping.text("all", key);
        List<String> chosen = candidates.stream().filter(t -> stats.df(all, t) > 0)
                .sorted(Comparator.<String>comparingDouble(t -> -tf.get(t) * stats.idf(stats.df(all, t)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(keep).toList();
        if (chosen.isEmpty()) {
            return List.of();
        }
        ObjectNode query = Cluster.object();
        ObjectNode bool = filters(query.putObject("bool"), viewer, false, null);
        ArrayNode should = bool.putArray("should");
        for (String t : chosen) {
            ObjectNode c = TextQueries.termClause(all, t, stats.idf(stats.df(all, t)));
            ((ObjectNode) c.get("term").get(all)).put("_name", t);
            should.add(c);
        }
        bool.put("minimum_should_match", 1);
        if (exclude != null) {
            bool.putArray("must_not").add(Viewers.term("id", exclude.value()));
        }
        ObjectNode body = Cluster.object();
        body.put("size", limit);
        body.set("query", withSignals(query, Map.of()));
        sort(body);
        Map<String, Set<String>> hl = Map.of(key, new LinkedHashSet<>(chosen));
        highlight(body, List.of(key), hl);
        JsonNode r = cluster.call("finding similar articles", "POST", "/" + index + "/_search", body);
        List<AssistHit> out = new ArrayList<>();
        for (JsonNode h : r.path("hits").path("hits")) {
            Set<String> matched = new LinkedHashSet<>();
            h.path("matched_queries").forEach(m -> matched.add(m.asString()));
            out.add(new AssistHit(hit(h, List.of(key), false, true, Promotions.NONE),
                    chosen.stream().filter(matched::contains).toList()));
        }
        return out;
    }
}

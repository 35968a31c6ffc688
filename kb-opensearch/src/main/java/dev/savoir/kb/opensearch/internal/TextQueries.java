package dev.savoir.kb.opensearch.internal;

import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.QueryNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what a user typed into the OpenSearch query of a viewer: every analyzed term on the all-text field plus
 * weighted title, tags and summary clauses, typo tolerance for rare words, adjacent-word proximity, required quoted
 * phrases, exclusions and host synonyms (each asked at search time, matched as a term or a phrase on the all-text
 * field with the synonym weight). The statistics behind the scores are the viewer's partition's, read with one
 * aggregation request before the search: each term's document frequency per field, the partition's size, and the
 * partition's words near a rare one. The shard's own statistics never reach a score (see {@link Mapping}), so content
 * the viewer may not read, and deleted documents, change nothing in its ranking. Thread-safe.
 */
public final class TextQueries {
    static final int MAX_TERMS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(TextQueries.class);
    private static final int MAX_SYNONYM_WORDS = 16;
    private static final int MAX_SYNONYMS_PER_WORD = 10;
    private static final int MAX_SYNONYMS = 32;
    private static final int MAX_TYPO_EXPANSIONS = 20;
    private static final List<String> FIELDS = List.of("all", "title", "tags", "summary");

    private final Cluster cluster;
    private final Options o;

    public TextQueries(Cluster cluster, Options options) {
        this.cluster = cluster;
        this.o = options;
    }

    /** What a user typed: quoted phrases, {@code -excluded} words or phrases, and words. Never fails. */
    public record Parsed(List<String> words, List<String> phrases, List<String> excluded) {
        public static Parsed of(String text) {
            String s = text.length() > SearchRequest.MAX_QUERY_LENGTH
                    ? text.substring(0, SearchRequest.MAX_QUERY_LENGTH) : text;
            List<String> words = new ArrayList<>();
            List<String> phrases = new ArrayList<>();
            List<String> excluded = new ArrayList<>();
            int i = 0;
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                boolean exclude = false;
                if (c == '-' && i + 1 < n && !Character.isWhitespace(s.charAt(i + 1)) && s.charAt(i + 1) != '-') {
                    exclude = true;
                    i++;
                    c = s.charAt(i);
                }
                String part;
                boolean phrase = false;
                if (c == '"') {
                    int end = s.indexOf('"', i + 1);
                    end = end < 0 ? n : end;
                    part = s.substring(i + 1, end);
                    i = Math.min(n, end + 1);
                    phrase = true;
                } else {
                    int end = i;
                    while (end < n && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '"') {
                        end++;
                    }
                    part = s.substring(i, end);
                    i = end;
                }
                List<String> target = exclude ? excluded : phrase ? phrases : words;
                if (!part.isBlank() && target.size() < MAX_TERMS) {
                    target.add(part.strip());
                }
            }
            return new Parsed(words, phrases, excluded);
        }

        public String positive() {
            List<String> all = new ArrayList<>(words);
            all.addAll(phrases);
            return String.join(" ", all);
        }
    }

    /** An analyzed token. */
    public record Token(String term, int position) {
    }

    /** The tokens of {@code text} under an analysis key's analyzer, at most {@value #MAX_TERMS}. */
    public List<Token> analyze(String index, String key, String text) {
        if (text.isBlank()) {
            return List.of();
        }
        ObjectNode body = Cluster.object().put("analyzer", "savoir_" + key).put("text", text);
        JsonNode r = cluster.call("analyzing a query", "POST", "/" + index + "/_analyze", body);
        List<Token> out = new ArrayList<>();
        for (JsonNode t : r.path("tokens")) {
            if (out.size() >= MAX_TERMS) {
                break;
            }
            out.add(new Token(t.path("token").asString(), t.path("position").asInt()));
        }
        return out;
    }

    /** A term near a rare query term, as Lucene's fuzzy query weighs it. */
    record Near(String term, float boost, long docFreq) {
    }

    /** The partition's statistics for the terms of each key. */
    public static final class Stats {
        final long size;
        final Map<String, Long> docFreq;
        final Map<String, List<Near>> near;

        Stats(long size, Map<String, Long> docFreq, Map<String, List<Near>> near) {
            this.size = size;
            this.docFreq = docFreq;
            this.near = near;
        }

        /** Documents of the partition holding {@code term} in {@code field} (a field name with its key). */
        public long df(String field, String term) {
            return docFreq.getOrDefault(field + "\u0000" + term, 0L);
        }

        /** BM25's inverse document frequency over the partition. */
        public float idf(long df) {
            long n = Math.max(size, df);
            return (float) Math.log(1 + (n - df + 0.5D) / (df + 0.5D));
        }
    }

    /** Reads the statistics of {@code terms} (per key) in {@code partition}; {@code typos}: near words too. */
    public Stats stats(String index, ObjectNode partition, Map<String, List<String>> terms, boolean typos) {
        ObjectNode body = Cluster.object();
        body.put("size", 0).put("track_total_hits", true);
        body.set("query", partition);
        ObjectNode aggs = body.putObject("aggs");
        Map<String, String[]> fuzzyAggs = new HashMap<>();
        for (Map.Entry<String, List<String>> e : terms.entrySet()) {
            String key = e.getKey();
            List<String> ts = e.getValue();
            if (ts.isEmpty()) {
                continue;
            }
            for (String f : FIELDS) {
                String field = Mapping.text(f, key);
                ObjectNode t = aggs.putObject("df|" + field).putObject("terms");
                t.put("field", field).put("size", ts.size());
                ArrayNode inc = t.putArray("include");
                ts.forEach(inc::add);
            }
            if (typos) {
                int i = 0;
                for (String term : ts) {
                    if (!typoCandidate(term)) {
                        continue;
                    }
                    String name = "fz|" + key + "|" + i++;
                    fuzzyAggs.put(name, new String[] {key, term});
                    int edits = edits(term);
                    String field = Mapping.text("all", key);
                    ObjectNode agg = aggs.putObject(name);
                    agg.putObject("filter").putObject("fuzzy").putObject(field).put("value", term)
                            .put("fuzziness", edits).put("prefix_length", 1).put("max_expansions", 1000)
                            .put("transpositions", true);
                    agg.putObject("aggs").putObject("v").putObject("terms").put("field", field).put("size", 500)
                            .put("include", term.substring(0, 1) + ".{" + Math.max(0, term.length() - 1 - edits) + ","
                                    + (term.length() - 1 + edits) + "}");
                }
            }
        }
        JsonNode r = cluster.call("reading the partition's statistics", "POST", "/" + index + "/_search", body);
        long size = r.path("hits").path("total").path("value").asLong();
        Map<String, Long> df = new HashMap<>();
        Map<String, List<Near>> near = new HashMap<>();
        JsonNode res = r.path("aggregations");
        for (Map.Entry<String, JsonNode> e : res.properties()) {
            String name = e.getKey();
            if (name.startsWith("df|")) {
                String field = name.substring(3);
                for (JsonNode b : e.getValue().path("buckets")) {
                    df.put(field + "\u0000" + b.path("key").asString(), b.path("doc_count").asLong());
                }
            } else if (name.startsWith("fz|")) {
                String[] kt = fuzzyAggs.get(name);
                List<Near> found = new ArrayList<>();
                int edits = edits(kt[1]);
                for (JsonNode b : e.getValue().path("v").path("buckets")) {
                    String cand = b.path("key").asString();
                    int d = Edits.distance(kt[1], cand, edits);
                    if (d <= edits && cand.charAt(0) == kt[1].charAt(0)) {
                        float boost = 1f - (float) d / Math.min(cand.length(), kt[1].length());
                        found.add(new Near(cand, boost, b.path("doc_count").asLong()));
                    }
                }
                found.sort(Comparator.comparing(Near::boost).reversed().thenComparing(Near::term));
                near.put(kt[0] + "\u0000" + kt[1], found.subList(0, Math.min(MAX_TYPO_EXPANSIONS, found.size())));
            }
        }
        return new Stats(size, df, near);
    }

    static boolean typoCandidate(String term) {
        return term.length() >= 4 && term.codePoints().allMatch(Character::isLetter);
    }

    static int edits(String term) {
        return term.length() >= 8 ? 2 : 1;
    }

    /** A built query: the scored clauses, what must and must not match, and the terms to highlight per key. */
    public record Built(ArrayNode should, ArrayNode must, ArrayNode mustNot, Map<String, Set<String>> highlight,
                        boolean hasPositive) {
    }

    /**
     * The host's synonyms of the query's words (folded as {@link QueryNormalizer} folds them) in the viewer's
     * locale: at most {@value #MAX_SYNONYMS_PER_WORD} per word and {@value #MAX_SYNONYMS} in all; a provider that
     * throws is logged and gives none.
     */
    List<String> synonyms(Parsed q, Locale locale) {
        if (o.synonymWeight() <= 0 || q.words().isEmpty()) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String w : q.words()) {
            for (String n : QueryNormalizer.normalize(w).split(" ")) {
                if (!n.isEmpty() && words.size() < MAX_SYNONYM_WORDS) {
                    words.add(n);
                }
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (String w : words) {
            List<String> syns;
            try {
                syns = o.synonyms().synonyms(locale, w);
            } catch (RuntimeException e) {
                LOG.warn("The synonym provider failed; searching without synonyms", e);
                return List.of();
            }
            if (syns == null) {
                continue;
            }
            syns.stream().filter(x -> x != null && !x.isBlank()).limit(MAX_SYNONYMS_PER_WORD).forEach(out::add);
        }
        return out.stream().limit(MAX_SYNONYMS).toList();
    }

    /** The text query of {@code q} for the analysis keys, with the partition's statistics. */
    public Built build(String index, Parsed q, List<String> keys, ObjectNode partition, Locale viewerLocale) {
        Map<String, List<Token>> tokens = new LinkedHashMap<>();
        Map<String, List<String>> terms = new LinkedHashMap<>();
        Map<String, List<List<Token>>> synonymTokens = new LinkedHashMap<>();
        Map<String, List<String>> statTerms = new LinkedHashMap<>();
        List<String> synonyms = synonyms(q, viewerLocale);
        for (String key : keys) {
            List<Token> ts = analyze(index, key, q.positive());
            tokens.put(key, ts);
            terms.put(key, new ArrayList<>(new LinkedHashSet<>(ts.stream().map(Token::term).toList())));
            Set<String> all = new LinkedHashSet<>(terms.get(key));
            List<List<Token>> st = new ArrayList<>();
            for (String syn : synonyms) {
                List<Token> a = analyze(index, key, syn);
                if (!a.isEmpty()) {
                    st.add(a);
                    a.forEach(t -> all.add(t.term()));
                }
            }
            synonymTokens.put(key, st);
            statTerms.put(key, new ArrayList<>(all));
        }
        Stats stats = stats(index, partition, statTerms, o.typoWeight() > 0);
        ArrayNode should = Cluster.JSON.createArrayNode();
        ArrayNode must = Cluster.JSON.createArrayNode();
        ArrayNode mustNot = Cluster.JSON.createArrayNode();
        Map<String, Set<String>> highlight = new LinkedHashMap<>();
        boolean positive = false;
        for (String key : keys) {
            Set<String> hl = highlight.computeIfAbsent(key, k -> new LinkedHashSet<>());
            String all = Mapping.text("all", key);
            for (String t : terms.get(key)) {
                long df = stats.df(all, t);
                if (df > 0) {
                    positive = true;
                    hl.add(t);
                    should.add(termClause(all, t, stats.idf(df)));
                    addField(should, stats, Mapping.text("title", key), t, o.titleWeight());
                    addField(should, stats, Mapping.text("tags", key), t, o.tagsWeight());
                    addField(should, stats, Mapping.text("summary", key), t, o.summaryWeight());
                }
                if (o.typoWeight() > 0 && typoCandidate(t) && df <= o.rareDocFreq()) {
                    List<Near> near = stats.near.getOrDefault(key + "\u0000" + t, List.of()).stream()
                            .filter(n -> !n.term().equals(t)).toList();
                    if (!near.isEmpty()) {
                        long maxDf = near.stream().mapToLong(Near::docFreq).max().orElseThrow();
                        float blended = stats.idf(maxDf);
                        for (Near n : near) {
                            should.add(termClause(all, n.term(), n.boost() * blended * o.typoWeight()));
                            hl.add(n.term());
                        }
                        positive = true;
                    }
                }
            }
            for (List<Token> syn : synonymTokens.get(key)) {
                positive |= addSynonym(should, hl, stats, all, syn);
            }
            List<Token> ts = tokens.get(key);
            if (o.phraseWeight() > 0) {
                for (int i = 0; i + 1 < ts.size(); i++) {
                    Token x = ts.get(i);
                    Token y = ts.get(i + 1);
                    long dx = stats.df(all, x.term());
                    long dy = stats.df(all, y.term());
                    if (y.position() - x.position() <= 2 && !x.term().equals(y.term()) && dx > 0 && dy > 0) {
                        ObjectNode span = Cluster.object();
                        ObjectNode near = span.putObject("span_near");
                        ArrayNode clauses = near.putArray("clauses");
                        clauses.addObject().putObject("span_term").put(all, x.term());
                        clauses.addObject().putObject("span_term").put(all, y.term());
                        near.put("slop", y.position() - x.position() - 1).put("in_order", true)
                                .put("boost", o.phraseWeight() * (stats.idf(dx) + stats.idf(dy)));
                        should.add(span);
                    }
                }
            }
        }
        String first = keys.getFirst();
        String allFirst = Mapping.text("all", first);
        for (String p : q.phrases()) {
            must.add(phrase(allFirst, p));
        }
        for (String x : q.excluded()) {
            for (String key : keys) {
                mustNot.add(phrase(Mapping.text("all", key), x));
            }
        }
        return new Built(should, must, mustNot, highlight, positive);
    }

    /** A synonym's clause: its one term, or its terms as a phrase, when the partition holds them all. */
    private boolean addSynonym(ArrayNode should, Set<String> hl, Stats stats, String all, List<Token> syn) {
        float idf = 0;
        for (Token t : syn) {
            long df = stats.df(all, t.term());
            if (df == 0) {
                return false;
            }
            idf += stats.idf(df);
        }
        if (syn.size() == 1) {
            should.add(termClause(all, syn.getFirst().term(), idf * o.synonymWeight()));
        } else {
            ObjectNode span = Cluster.object();
            ObjectNode near = span.putObject("span_near");
            ArrayNode clauses = near.putArray("clauses");
            int first = syn.getFirst().position();
            int last = first;
            for (Token t : syn) {
                clauses.addObject().putObject("span_term").put(all, t.term());
                last = t.position();
            }
            near.put("slop", Math.max(0, last - first - (syn.size() - 1))).put("in_order", true)
                    .put("boost", Math.max(idf * o.synonymWeight(), 1e-6f));
            should.add(span);
        }
        syn.forEach(t -> hl.add(t.term()));
        return true;
    }

    private void addField(ArrayNode should, Stats stats, String field, String t, float weight) {
        long df = stats.df(field, t);
        if (weight > 0 && df > 0) {
            should.add(termClause(field, t, stats.idf(df) * weight));
        }
    }

    static ObjectNode termClause(String field, String term, float boost) {
        ObjectNode c = Cluster.object();
        c.putObject("term").putObject(field).put("value", term).put("boost", Math.max(boost, 1e-6f));
        return c;
    }

    private static ObjectNode phrase(String field, String text) {
        ObjectNode c = Cluster.object();
        c.putObject("match_phrase").putObject(field).put("query", text).put("boost", 0f);
        return c;
    }
}

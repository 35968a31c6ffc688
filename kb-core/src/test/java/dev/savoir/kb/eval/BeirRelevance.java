package dev.savoir.kb.eval;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.SearchEngineFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The engine-neutral part of the relevance tool, shared by every engine's entry point (kb-benchmarks' {@code Relevance}
 * for kb-lucene, kb-opensearch's {@code OpenSearchRelevance}): it reads a BEIR-format folder, publishes every
 * document as a public article (title, body) in an in-memory knowledge base on the given engine, runs every judged
 * query as an external viewer on a fixed clock (the same figures on every run), and computes nDCG@10 (as trec_eval's
 * {@code ndcg_cut.10}, linear gains), recall@100 and MRR@10 over the judged-relevant documents. Only the public API
 * is used, so every engine is measured the same way.
 */
public final class BeirRelevance {
    private static final int MAX_TITLE = 200;
    /**
     * One instant for the whole run: publication times and the time of each query then never differ between runs,
     * so neither does freshness, and the figures repeat to the last decimal.
     */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private BeirRelevance() {
    }

    /**
     * The measured figures of one collection.
     *
     * @param ndcgByQuery nDCG@10 of each evaluated query, for paired significance tests between settings
     * @param passageHit10 the share of queries with a judged-relevant document among the first 10 passages, or -1
     *     when the engine has no passages
     */
    public record Result(String dataset, int queries, double ndcg10, double recall100, double mrr10,
                         Map<String, Double> ndcgByQuery, double passageHit10) {
        public Result {
            ndcgByQuery = Map.copyOf(ndcgByQuery);
        }

        public Result(String dataset, int queries, double ndcg10, double recall100, double mrr10,
                      Map<String, Double> ndcgByQuery) {
            this(dataset, queries, ndcg10, recall100, mrr10, ndcgByQuery, -1);
        }

        /** {@code dataset=NAME queries=N ndcg@10=0.xxxx recall@100=0.xxxx mrr@10=0.xxxx}. */
        public String line() {
            String base = String.format(Locale.ROOT, "dataset=%s queries=%d ndcg@10=%.4f recall@100=%.4f mrr@10=%.4f",
                    dataset, queries, ndcg10, recall100, mrr10);
            return passageHit10 < 0 ? base : base + String.format(Locale.ROOT, " passage-hit@10=%.4f", passageHit10);
        }
    }

    /**
     * A BEIR collection loaded into an open knowledge base; closing it closes the knowledge base.
     *
     * @param docIds the collection's document id of each article
     * @param queries the judged queries' texts by query id, in the qrels' order
     * @param qrels query id to (document id to positive relevance)
     */
    public record Loaded(String name, KnowledgeBase kb, Locale locale, Map<ArticleId, String> docIds,
                         Map<String, String> queries, Map<String, Map<String, Integer>> qrels)
            implements AutoCloseable {
        @Override
        public void close() {
            kb.close();
        }
    }

    /** Loads a BEIR folder into a new in-memory knowledge base on {@code engine} and refreshes it. */
    public static Loaded load(Path folder, Locale locale, SearchEngineFactory engine) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, Integer>> qrels = readQrels(folder.resolve("qrels").resolve("test.tsv"));
        Map<String, String> all = new HashMap<>();
        forEachLine(folder.resolve("queries.jsonl"), line -> {
            JsonNode n = json.readTree(line);
            all.put(n.get("_id").asString(), n.path("text").asString(""));
        });
        Map<String, String> queries = new LinkedHashMap<>();
        for (String q : qrels.keySet()) {
            if (all.containsKey(q)) {
                queries.put(q, all.get(q));
            }
        }
        Actor actor = Actor.of("relevance", Role.ADMIN);
        Map<ArticleId, String> docIds = new HashMap<>();
        KnowledgeBase kb = KnowledgeBase.builder()
                .inMemory()
                .searchEngine(engine)
                .requireReview(false)
                .defaultLocale(locale)
                .schedulerInterval(Duration.ZERO)
                .clock(CLOCK)
                .build();
        try {
            int[] count = {0};
            forEachLine(folder.resolve("corpus.jsonl"), line -> {
                JsonNode n = json.readTree(line);
                String raw = n.get("_id").asString();
                ArticleId id = ArticleId.isValid(raw) ? ArticleId.of(raw) : ArticleId.of("doc-" + count[0]);
                count[0]++;
                docIds.put(id, raw);
                String title = n.path("title").asString("").strip();
                String text = n.path("text").asString("").strip();
                if (title.length() > MAX_TITLE) {
                    // Titles longer than the publish gate allows: the rest of the title opens the body.
                    int cut = title.lastIndexOf(' ', MAX_TITLE);
                    cut = cut > MAX_TITLE / 2 ? cut : MAX_TITLE;
                    text = title.substring(cut).strip() + "\n\n" + text;
                    title = title.substring(0, cut).strip();
                }
                kb.create(actor, NewArticle.builder(id.value())
                        .category("Collection")
                        .visibility(Visibility.PUBLIC)
                        .locale(locale)
                        .title(title.isEmpty() ? "·" : title)
                        .body(text.isEmpty() ? "·" : text)
                        .build());
                kb.publish(actor, id, locale, 1);
            });
            kb.refresh();
            awaitEmbeddings(kb);
        } catch (IOException | RuntimeException e) {
            kb.close();
            throw e;
        }
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        return new Loaded(name, kb, locale, docIds, queries, qrels);
    }

    /** Loads a BEIR folder on {@code engine} and evaluates every judged query. */
    public static Result evaluate(Path folder, Locale locale, SearchEngineFactory engine) throws IOException {
        try (Loaded c = load(folder, locale, engine)) {
            return evaluate(c);
        }
    }

    /** Evaluates every judged query of a loaded collection. */
    public static Result evaluate(Loaded c) {
        KnowledgeBase kb = c.kb();
        ViewerContext viewer = ViewerContext.external(c.locale());
        double ndcg = 0;
        double recall = 0;
        double mrr = 0;
        int n = 0;
        Map<String, Double> byQuery = new HashMap<>();
        boolean semantic = kb.embeddingProgress().enabled();
        double passageHits = 0;
        for (Map.Entry<String, String> q : c.queries().entrySet()) {
            String text = q.getValue();
            Map<String, Integer> rels = c.qrels().get(q.getKey());
            List<String> ranked = new ArrayList<>();
            for (SearchHit h : kb.search(viewer, SearchRequest.builder(text).limit(100)
                    .snippets(false).recordAnalytics(false).build()).hits()) {
                ranked.add(c.docIds().get(h.articleId()));
            }
            double qn = ndcgAt(ranked, rels, 10);
            byQuery.put(q.getKey(), qn);
            ndcg += qn;
            recall += recallAt(ranked, rels, 100);
            mrr += mrrAt(ranked, rels, 10);
            if (semantic) {
                List<String> cited = new ArrayList<>();
                for (Passage p : kb.passages(viewer, text, 10)) {
                    cited.add(c.docIds().get(p.articleId()));
                }
                passageHits += cited.stream().anyMatch(d -> rels.getOrDefault(d, 0) > 0) ? 1 : 0;
            }
            n++;
        }
        return n == 0 ? new Result(c.name(), 0, 0, 0, 0, byQuery)
                : new Result(c.name(), n, ndcg / n, recall / n, mrr / n, byQuery, semantic ? passageHits / n : -1);
    }

    /** Waits for the engine's background embedding, reporting progress now and then. */
    private static void awaitEmbeddings(KnowledgeBase kb) {
        long last = 0;
        while (!kb.embeddingProgress().ready()) {
            if (System.nanoTime() - last > 30_000_000_000L) {
                System.err.println("embedding: " + kb.embeddingProgress());
                last = System.nanoTime();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        kb.refresh();
    }

    /** nDCG@k with linear gains. */
    public static double ndcgAt(List<String> ranked, Map<String, Integer> rels, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            int g = rels.getOrDefault(ranked.get(i), 0);
            if (g > 0) {
                dcg += g / log2(i + 2);
            }
        }
        List<Integer> ideal = rels.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** The share of the judged-relevant documents among the first {@code k}. */
    public static double recallAt(List<String> ranked, Map<String, Integer> rels, int k) {
        long relevant = rels.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranked.stream().limit(k).filter(d -> rels.getOrDefault(d, 0) > 0).count();
        return (double) found / relevant;
    }

    /** The reciprocal rank of the first judged-relevant document among the first {@code k}, else 0. */
    public static double mrrAt(List<String> ranked, Map<String, Integer> rels, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (rels.getOrDefault(ranked.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Query id to (document id to relevance), keeping only positive judgements; skips a header line. */
    public static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        forEachLine(file, line -> {
            String[] f = line.split("\t");
            if (f.length < 3 || f[0].equals("query-id")) {
                return;
            }
            int g;
            try {
                g = Integer.parseInt(f[2].strip());
            } catch (NumberFormatException e) {
                return;
            }
            if (g > 0) {
                out.computeIfAbsent(f[0], x -> new HashMap<>()).put(f[1], g);
            }
        });
        return out;
    }

    @FunctionalInterface
    private interface LineHandler {
        void accept(String line) throws IOException;
    }

    private static void forEachLine(Path file, LineHandler handler) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    handler.accept(line);
                }
            }
        }
    }

    /**
     * Writes a tiny BEIR folder (three documents, two judged queries and an unjudged one), for the tests of every
     * engine's entry point: each judged query has exactly one relevant document, which a working engine ranks first.
     */
    public static void writeTinyCollection(Path dir) throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Reset password", "text": "How to reset a forgotten password."}
                {"_id": "d2", "title": "Shipping", "text": "Parcels ship in two days."}
                {"_id": "weird id/3", "title": "", "text": "Refund rules for damaged parcels."}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "forgotten password"}
                {"_id": "q2", "text": "damaged parcel refund"}
                {"_id": "q3", "text": "unjudged"}
                """);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels").resolve("test.tsv"),
                "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\tweird id/3\t1\n");
    }
}

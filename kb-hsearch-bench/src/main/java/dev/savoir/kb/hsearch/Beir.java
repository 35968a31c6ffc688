package dev.savoir.kb.hsearch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A BEIR folder ({@code corpus.jsonl}, {@code queries.jsonl}, {@code qrels/test.tsv}) read the way kb-benchmarks'
 * {@code SavoirCall} reads it, so that both libraries index the same documents: a title longer than 200 characters is
 * cut at a space and its rest opens the body (Savoir's publish limit), an empty title or body becomes {@code "·"}, and
 * every document gets the two tags of {@link #tags(String)}.
 *
 * @param name the folder's name
 * @param docs the documents, in the corpus' order
 * @param queries the judged queries' texts by query id, in the qrels' order (blank ones left out)
 * @param qrels query id to (document id to positive relevance)
 */
public record Beir(String name, List<Doc> docs, Map<String, String> queries,
                   Map<String, Map<String, Integer>> qrels) {
    /** The tags documents draw from; kb-benchmarks' {@code SavoirCall} uses the same list and rule. */
    public static final List<String> TAGS = List.of("billing", "shipping", "account", "returns", "security",
            "mobile", "orders", "privacy");
    private static final int MAX_TITLE = 200;

    /**
     * One document.
     *
     * @param id the collection's document id
     */
    public record Doc(String id, String title, String body, List<String> tags) {
    }

    /** Reads a BEIR folder. */
    public static Beir read(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, Integer>> qrels = readQrels(folder.resolve("qrels").resolve("test.tsv"));
        Map<String, String> all = new HashMap<>();
        forEachLine(folder.resolve("queries.jsonl"), line -> {
            JsonNode n = parse(json, line);
            all.put(n.get("_id").asString(), n.path("text").asString("").strip());
        });
        Map<String, String> queries = new LinkedHashMap<>();
        for (String q : qrels.keySet()) {
            String text = all.get(q);
            if (text != null && !text.isBlank()) {
                queries.put(q, text);
            }
        }
        List<Doc> docs = new ArrayList<>();
        forEachLine(folder.resolve("corpus.jsonl"), line -> {
            JsonNode n = parse(json, line);
            JsonNode id = n.get("_id");
            if (id == null) {
                throw new IllegalArgumentException("a corpus line has no _id: " + line);
            }
            String title = n.path("title").asString("").strip();
            String text = n.path("text").asString("").strip();
            if (title.length() > MAX_TITLE) {
                int cut = title.lastIndexOf(' ', MAX_TITLE);
                cut = cut > MAX_TITLE / 2 ? cut : MAX_TITLE;
                text = title.substring(cut).strip() + "\n\n" + text;
                title = title.substring(0, cut).strip();
            }
            docs.add(new Doc(id.asString(), title.isEmpty() ? "·" : title, text.isEmpty() ? "·" : text,
                    tags(id.asString())));
        });
        if (docs.isEmpty()) {
            throw new IllegalArgumentException("the corpus of " + folder + " is empty");
        }
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        return new Beir(name, List.copyOf(docs), queries, qrels);
    }

    /**
     * The two tags of a document: two different entries of {@link #TAGS} chosen from the hash of its id
     * ({@link String#hashCode()}, the same on every JVM).
     */
    public static List<String> tags(String docId) {
        int h = docId.hashCode();
        int first = Math.floorMod(h, TAGS.size());
        int second = (first + 1 + Math.floorMod(h >>> 8, TAGS.size() - 1)) % TAGS.size();
        return List.of(TAGS.get(first), TAGS.get(second));
    }

    /** nDCG@k with linear gains (trec_eval's {@code ndcg_cut}), as Savoir's relevance tool computes it. */
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

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static JsonNode parse(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON line: " + line, e);
        }
    }

    private static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
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

    private static void forEachLine(Path file, Consumer<String> handler) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    handler.accept(line);
                }
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + " (not a BEIR folder?)");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

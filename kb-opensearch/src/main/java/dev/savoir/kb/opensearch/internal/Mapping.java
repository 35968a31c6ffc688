package dev.savoir.kb.opensearch.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The layout of a knowledge base's index: per-language analysis (the language analyzers' stop words and stemmers,
 * elision, case and accent folding), one set of text fields per analysis key, the viewer filter's keyword fields,
 * the signals, and the scripted BM25 similarity whose collection statistics come from the viewer's partition
 * rather than from the shard ({@link TextQueries}). {@link #VERSION} changes whenever documents written before would
 * be read wrongly.
 */
public final class Mapping {
    /** The mapping version: part of the index name, checked at open. */
    public static final int VERSION = 1;
    /** The analysis keys: a language with its own analysis, or {@code xx} (folding only) for any other. */
    public static final List<String> KEYS = List.of("en", "fr", "de", "es", "it", "pt", "nl", "xx");
    /** Average field lengths of the length normalization (see {@link #similarity}). */
    static final Map<String, Double> AVERAGE_LENGTH = Map.of("title", 8.0, "short", 12.0, "all", 250.0);

    private static final Map<String, String[]> LANGUAGE = Map.of(
            "en", new String[] {"_english_", "english", null},
            "fr", new String[] {"_french_", "light_french", "elision"},
            "de", new String[] {"_german_", "light_german", null},
            "es", new String[] {"_spanish_", "light_spanish", null},
            "it", new String[] {"_italian_", "light_italian", "elision"},
            "pt", new String[] {"_portuguese_", "light_portuguese", null},
            "nl", new String[] {"_dutch_", "dutch", null});

    private Mapping() {
    }

    /** The analysis key of a locale. */
    public static String key(Locale locale) {
        String l = locale.getLanguage();
        return LANGUAGE.containsKey(l) ? l : "xx";
    }

    /** A text field of an analysis key: {@code title_en}, {@code all_fr}. */
    public static String text(String field, String key) {
        return field + "_" + key;
    }

    /** The body of the create-index request. */
    public static ObjectNode index(int shards, int replicas, String refreshInterval, float k1, float b) {
        ObjectNode root = Cluster.object();
        ObjectNode settings = root.putObject("settings");
        ObjectNode idx = settings.putObject("index");
        idx.put("number_of_shards", shards);
        idx.put("number_of_replicas", replicas);
        idx.put("refresh_interval", refreshInterval);
        idx.put("max_result_window", 20_000);
        ObjectNode analysis = settings.putObject("analysis");
        ObjectNode filters = analysis.putObject("filter");
        ObjectNode analyzers = analysis.putObject("analyzer");
        for (Map.Entry<String, String[]> e : LANGUAGE.entrySet()) {
            String k = e.getKey();
            String[] spec = e.getValue();
            filters.putObject("stop_" + k).put("type", "stop").put("stopwords", spec[0]);
            filters.putObject("stem_" + k).put("type", "stemmer").put("language", spec[1]);
            ObjectNode a = analyzers.putObject("savoir_" + k);
            a.put("type", "custom").put("tokenizer", "standard");
            ArrayNode chain = a.putArray("filter");
            if (spec[2] != null) {
                chain.add("elision");
            }
            chain.add("lowercase").add("stop_" + k).add("stem_" + k).add("asciifolding");
        }
        ObjectNode folding = analyzers.putObject("savoir_xx");
        folding.put("type", "custom").put("tokenizer", "standard");
        folding.putArray("filter").add("lowercase").add("asciifolding");
        ObjectNode sims = settings.putObject("similarity");
        for (Map.Entry<String, Double> e : AVERAGE_LENGTH.entrySet()) {
            sims.set("savoir_" + e.getKey(), similarity(k1, b, e.getValue()));
        }

        ObjectNode mappings = root.putObject("mappings");
        mappings.put("dynamic", false);
        mappings.putObject("_meta").put("savoir_mapping_version", VERSION);
        ObjectNode p = mappings.putObject("properties");
        for (String f : List.of("kind", "id", "loc", "lang_rep", "avail_loc", "avail_lang", "work_lang_rep",
                "work_avail_loc", "work_avail_lang", "vis", "seg", "cat", "tag", "type", "attr", "ac_sort")) {
            p.putObject(f).put("type", "keyword");
        }
        p.putObject("work").put("type", "boolean");
        for (String f : List.of("published_at", "due", "up", "down", "views", "views_at", "applied", "rev")) {
            p.putObject(f).put("type", "long");
        }
        for (String k : KEYS) {
            String analyzer = "savoir_" + k;
            text(p, text("all", k), analyzer, "savoir_all", true);
            text(p, text("title", k), analyzer, "savoir_title", true);
            text(p, text("tags", k), analyzer, "savoir_short", true);
            text(p, text("summary", k), analyzer, "savoir_short", true);
            ObjectNode body = p.putObject(text("body", k));
            body.put("type", "text").put("analyzer", analyzer).put("index_options", "offsets");
        }
        text(p, "spell", "savoir_xx", "BM25", true);
        text(p, "ac", "savoir_xx", "BM25", false);
        return root;
    }

    private static void text(ObjectNode props, String name, String analyzer, String similarity, boolean fielddata) {
        ObjectNode f = props.putObject(name);
        f.put("type", "text").put("analyzer", analyzer).put("similarity", similarity);
        if (fielddata) {
            // the partition's vocabulary and document frequencies are read with terms aggregations
            f.put("fielddata", true);
        }
        if (name.startsWith("title_")) {
            f.put("index_options", "offsets");
        }
    }

    /**
     * BM25 whose inverse document frequency comes with the query: each term clause carries {@code idf * weight} as
     * its boost, computed from the viewer's partition, so the shard's statistics (which count content the viewer
     * may not read, and deleted documents) never reach a score. The length normalization reads the document's own
     * length against a fixed average per kind of field: the per-partition average cannot reach a similarity, and a
     * fixed one only rescales {@code k1} and {@code b}.
     */
    private static ObjectNode similarity(float k1, float b, double avgdl) {
        ObjectNode s = Cluster.object();
        s.put("type", "scripted");
        ObjectNode script = s.putObject("script");
        script.put("source", "double tf = doc.freq; double norm = " + k1 + " * (1 - " + b + " + " + b
                + " * doc.length / " + avgdl + "); return query.boost * tf / (tf + norm);");
        return s;
    }
}

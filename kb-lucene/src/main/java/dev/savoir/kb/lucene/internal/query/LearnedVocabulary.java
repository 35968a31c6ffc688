package dev.savoir.kb.lucene.internal.query;

import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.learning.PairKind;
import dev.savoir.kb.spi.QueryNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The learned vocabulary a knowledge base approved ({@code SearchEngine.useVocabulary}), per language: corrections
 * rewrite the words of a query before it is analyzed, synonyms add their words as synonym clauses. Replaced whole,
 * atomically: a search reads one snapshot. Thread-safe.
 */
public final class LearnedVocabulary {
    /** The most words of one side of a pair (what the knowledge base allows). */
    static final int MAX_WORDS = LearnedPair.MAX_WORDS;

    /** One language's pairs, keyed by the normalized words they start from. */
    private record Language(Map<String, String> corrections, Map<String, List<String>> synonyms) {
    }

    private volatile Map<String, Language> languages = Map.of();

    /** Replaces the whole vocabulary. */
    public void replace(List<LearnedPair> approved) {
        Map<String, Map<String, String>> corrections = new HashMap<>();
        Map<String, Map<String, List<String>>> synonyms = new HashMap<>();
        for (LearnedPair p : approved) {
            String lang = p.language().getLanguage();
            if (p.kind() == PairKind.CORRECTION) {
                corrections.computeIfAbsent(lang, k -> new HashMap<>()).putIfAbsent(p.from(), p.to());
            } else {
                synonyms.computeIfAbsent(lang, k -> new HashMap<>()).computeIfAbsent(p.from(), k -> new ArrayList<>())
                        .add(p.to());
            }
        }
        Map<String, Language> next = new HashMap<>();
        for (String lang : union(corrections.keySet(), synonyms.keySet())) {
            Map<String, List<String>> syn = new HashMap<>();
            synonyms.getOrDefault(lang, Map.of()).forEach((k, v) -> syn.put(k, List.copyOf(v)));
            next.put(lang, new Language(Map.copyOf(corrections.getOrDefault(lang, Map.of())), Map.copyOf(syn)));
        }
        languages = Map.copyOf(next);
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(x -> !a.contains(x)).forEach(out::add);
        return out;
    }

    /**
     * {@code uq} with its words corrected for a viewer of {@code locale}: the longest run of words (at most
     * {@value #MAX_WORDS}) whose normalized form is a correction's {@code from} is replaced by its {@code to}.
     * Quoted phrases and exclusions stay as typed. The same object when nothing applies.
     */
    public UserQuery correct(UserQuery uq, Locale locale) {
        Language l = languages.get(locale.getLanguage());
        if (l == null || l.corrections().isEmpty() || uq.words().isEmpty()) {
            return uq;
        }
        List<String> words = uq.words();
        List<String> normalized = words.stream().map(QueryNormalizer::normalize).toList();
        List<String> out = new ArrayList<>(words.size());
        boolean changed = false;
        int i = 0;
        while (i < words.size()) {
            String to = null;
            int taken = 0;
            for (int n = Math.min(MAX_WORDS, words.size() - i); n >= 1 && to == null; n--) {
                String key = String.join(" ", normalized.subList(i, i + n));
                to = l.corrections().get(key);
                taken = n;
            }
            if (to != null) {
                out.add(to);
                i += taken;
                changed = true;
            } else {
                out.add(words.get(i));
                i++;
            }
        }
        return changed ? new UserQuery(out, uq.phrases(), uq.excluded()) : uq;
    }

    /** The synonyms of the runs of {@code words} (as typed) for a viewer of {@code locale}, at most {@code max}. */
    public List<String> synonyms(List<String> words, Locale locale, int max) {
        Language l = languages.get(locale.getLanguage());
        if (l == null || l.synonyms().isEmpty()) {
            return List.of();
        }
        String joined = QueryNormalizer.normalize(String.join(" ", words));
        List<String> normalized = joined.isEmpty() ? List.of() : List.of(joined.split(" "));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < normalized.size() && out.size() < max; i++) {
            for (int n = 1; n <= MAX_WORDS && i + n <= normalized.size(); n++) {
                for (String s : l.synonyms().getOrDefault(String.join(" ", normalized.subList(i, i + n)), List.of())) {
                    if (out.size() < max && !out.contains(s)) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    /** Whether any pair is known. */
    public boolean isEmpty() {
        return languages.isEmpty();
    }
}

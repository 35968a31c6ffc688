package dev.savoir.kb.lucene.internal.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The analysed terms a query looks for, per analysis key: what snippets and title highlights mark. Terms that may
 * match with typos are kept apart, so that a highlight can allow the same edits. Not thread-safe: one per request.
 */
public final class QueryTerms {
    private final Map<String, Set<String>> exact = new HashMap<>();
    private final Map<String, Set<String>> fuzzy = new HashMap<>();
    private final Map<String, Set<String>> near = new HashMap<>();

    /** Adds a term of a language; whether it was new. */
    public boolean add(String key, String term) {
        return exact.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(term);
    }

    /**
     * Adds a term of a language that also matches words a small edit away; {@code nearTerms} are the index's words
     * the search looked for in its place (its typo expansion), which highlights read from the postings.
     */
    public void addFuzzy(String key, String term, Collection<String> nearTerms) {
        fuzzy.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(term);
        near.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(nearTerms);
    }

    /** The terms of a language. */
    public Set<String> exact(String key) {
        return exact.getOrDefault(key, Set.of());
    }

    /** The terms of a language that match with typos. */
    public Set<String> fuzzy(String key) {
        return fuzzy.getOrDefault(key, Set.of());
    }

    /** The index's words that the terms matching with typos were expanded to. */
    public Set<String> near(String key) {
        return near.getOrDefault(key, Set.of());
    }
}

package dev.savoir.kb.lucene.internal.semantic;

import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.spi.Embedder;
import java.util.Set;

/**
 * The engine's semantic settings, checked by the public builder.
 *
 * @param embedder the model
 * @param languages the languages that use vectors (empty: all); others stay lexical
 * @param maxChars the longest passage
 * @param overlap characters a cut passage shares with the next
 * @param defaultMode the mode of requests that name none
 * @param convex fuse by a convex combination of normalized scores instead of reciprocal ranks
 * @param rrfRank the rank constant of reciprocal rank fusion
 * @param semanticWeight the weight of the semantic score in the convex combination (the lexical one weighs the rest)
 */
public record SemanticOptions(Embedder embedder, Set<String> languages, int maxChars, int overlap,
                              SearchMode defaultMode, boolean convex, int rrfRank, double semanticWeight) {
    public SemanticOptions {
        languages = Set.copyOf(languages);
    }
}

package dev.savoir.kb.lucene.internal;

import dev.savoir.kb.search.PromotionRule;
import dev.savoir.kb.search.SynonymProvider;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The engine's settings, checked by the public builder.
 *
 * @param titleWeight weight of the extra title clause (the all-text clause weighs 1)
 * @param tagsWeight weight of the extra tags clause
 * @param summaryWeight weight of the extra summary clause
 * @param phraseWeight weight of the exact-bigram proximity clauses
 * @param synonymWeight weight of synonym clauses
 * @param typoTolerance whether rare or absent words also match words a small edit away
 * @param typoWeight weight of typo clauses
 * @param rareDocFreq a word found in at most this many documents counts as rare
 * @param k1 BM25 k1
 * @param b BM25 b
 * @param helpfulnessWeight helpfulness signal weight (0 turns it off)
 * @param popularityWeight popularity signal weight
 * @param freshnessWeight freshness signal weight
 * @param staleDemotion score multiplier of articles past their review date under the DEMOTE policy
 * @param popularityHalfLife how fast views decay
 * @param freshnessHalfLife how fast freshness decays
 * @param synonyms host synonyms
 * @param rules promotion rules
 * @param refreshInterval the NRT bound
 * @param commitInterval how often changes are committed to disk
 * @param indexingThreads the threads that index one batch, the caller's included (1: the caller alone)
 */
public record EngineOptions(float titleWeight, float tagsWeight, float summaryWeight, float phraseWeight,
                            float synonymWeight, boolean typoTolerance, float typoWeight, int rareDocFreq, float k1,
                            float b, double helpfulnessWeight, double popularityWeight, double freshnessWeight,
                            double staleDemotion, Duration popularityHalfLife, Duration freshnessHalfLife,
                            SynonymProvider synonyms, Supplier<List<PromotionRule>> rules, Duration refreshInterval,
                            Duration commitInterval, int indexingThreads) {
}

package dev.savoir.kb.search;

import dev.savoir.kb.internal.Check;
import java.util.List;
import java.util.Map;

/**
 * Why a hit ranked where it did.
 *
 * @param textScore the text relevance score before signals
 * @param fieldScores the text score per field clause (e.g. {@code text}, {@code title}, {@code phrase},
 *     {@code typo}), for internal viewers only; empty for external viewers, since each is a function of the
 *     statistics of other documents (how many hold a word, how long they are, whether a word is rare enough for typo
 *     matching)
 * @param signals the multiplier of each ranking signal (e.g. {@code helpfulness}, {@code popularity},
 *     {@code freshness}, {@code stale}); 1.0 is neutral
 * @param rules the promotion rules that applied, described
 * @param finalScore the score used to rank
 * @since 0.1
 */
public record Explanation(double textScore, Map<String, Double> fieldScores, Map<String, Double> signals,
                          List<String> rules, double finalScore) {
    public Explanation {
        fieldScores = Map.copyOf(Check.noNulls("fieldScores", fieldScores));
        signals = Map.copyOf(Check.noNulls("signals", signals));
        rules = List.copyOf(Check.noNulls("rules", rules));
    }
}

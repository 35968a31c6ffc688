package dev.savoir.kb.learning;

import dev.savoir.kb.internal.Check;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A pair proposed by the search log, waiting in the approval queue.
 *
 * @param pair the pair
 * @param sessions the evidence: how many distinct sessions made this reformulation (each counts once, however often
 *     it repeated it); never fewer than the knowledge base's minimum
 * @param share of the distinct sessions that reformulated {@code pair.from()}, the part that went to
 *     {@code pair.to()} (0 to 1): how clearly the log points to this pair rather than to another
 * @param score the queue's order, highest first: {@code sessions × share}
 * @param examples a few sessions that made it (at most 3), without viewer identity
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record VocabularyCandidate(LearnedPair pair, int sessions, double share, double score,
                                  List<ExampleSession> examples) {
    public VocabularyCandidate {
        Check.notNull("pair", pair);
        Check.atLeast("sessions", sessions, 1);
        if (!(share > 0 && share <= 1)) {
            throw new dev.savoir.kb.InvalidArgumentException("share", "must be in (0, 1], got " + share);
        }
        examples = List.copyOf(Check.noNulls("examples", examples));
    }
}

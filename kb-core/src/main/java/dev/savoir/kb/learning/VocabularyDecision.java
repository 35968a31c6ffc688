package dev.savoir.kb.learning;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.internal.Check;
import java.time.Instant;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a knowledge manager decided about a candidate: it is never proposed again, and an approved one applies to
 * searches (as proposed, or as edited).
 *
 * @param candidate the pair as the log proposed it (or as a knowledge manager added it)
 * @param status approved or rejected
 * @param applied the pair searches use: the candidate, or its edited form; null when rejected
 * @param decidedBy the actor's id
 * @param decidedAt when
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record VocabularyDecision(LearnedPair candidate, Status status, @Nullable LearnedPair applied,
                                 String decidedBy, Instant decidedAt) {
    /** The outcome. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public enum Status {
        /** Applies to searches. */
        APPROVED,
        /** Never proposed again, never applied. */
        REJECTED
    }

    public VocabularyDecision {
        Check.notNull("candidate", candidate);
        Check.notNull("status", status);
        Check.notNull("decidedBy", decidedBy);
        Check.notNull("decidedAt", decidedAt);
        if ((status == Status.APPROVED) != (applied != null)) {
            throw new InvalidArgumentException("applied", status == Status.APPROVED
                    ? "an approved decision needs the pair it applies" : "a rejected decision applies no pair");
        }
        if (applied != null && !applied.language().equals(candidate.language())) {
            throw new InvalidArgumentException("applied", "must keep the candidate's language ("
                    + candidate.language() + "), got " + applied.language());
        }
    }

    /** Whether searches use {@link #applied()}. */
    public boolean approved() {
        return status == Status.APPROVED;
    }
}

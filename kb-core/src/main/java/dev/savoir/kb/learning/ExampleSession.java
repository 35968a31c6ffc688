package dev.savoir.kb.learning;

import dev.savoir.kb.internal.Check;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One session in which a candidate pair was seen, as evidence for a knowledge manager: the two searches of the
 * reformulation, in their masked, normalized form. It names no viewer: no session id, no user, no time of day, and
 * none of the session's other searches.
 *
 * @param steps the search that failed, then the one that worked
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record ExampleSession(List<Step> steps) {
    public ExampleSession {
        steps = List.copyOf(Check.noNulls("steps", steps));
    }

    /**
     * One search of an example session.
     *
     * @param query the normalized query
     * @param results how many results it found
     * @param clicked whether a result was clicked
     * @param secondsAfterFirst seconds after the session's first step
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public record Step(String query, int results, boolean clicked, long secondsAfterFirst) {
        public Step {
            Check.notNull("query", query);
            Check.atLeast("results", results, 0);
            Check.atLeast("secondsAfterFirst", secondsAfterFirst, 0);
        }
    }
}

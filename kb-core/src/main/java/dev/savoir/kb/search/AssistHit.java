package dev.savoir.kb.search;

import dev.savoir.kb.internal.Check;
import java.util.List;

/**
 * An article suggested for a ticket, with the ticket's words that matched it.
 *
 * @param hit the article
 * @param matchedTerms the ticket's words (as analyzed) that the article contains, most telling first
 * @since 0.1
 */
public record AssistHit(SearchHit hit, List<String> matchedTerms) {
    public AssistHit {
        Check.notNull("hit", hit);
        matchedTerms = List.copyOf(Check.noNulls("matchedTerms", matchedTerms));
    }
}

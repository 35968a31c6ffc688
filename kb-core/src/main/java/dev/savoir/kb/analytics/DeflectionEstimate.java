package dev.savoir.kb.analytics;

import dev.savoir.kb.internal.Check;

/**
 * How often self-service answered the question: of the sessions that searched, those that clicked a result and then
 * reported no ticket. Only meaningful when the host reports tickets with
 * {@link dev.savoir.kb.analytics.SearchAnalytics#recordTicket(String)}.
 *
 * @param searchSessions sessions that searched
 * @param sessionsWithClick of those, sessions that clicked a result
 * @param deflected of those, sessions that opened no ticket
 * @since 0.1
 */
public record DeflectionEstimate(long searchSessions, long sessionsWithClick, long deflected) {
    public DeflectionEstimate {
        Check.atLeast("searchSessions", searchSessions, 0);
        Check.atLeast("sessionsWithClick", sessionsWithClick, 0);
        Check.atLeast("deflected", deflected, 0);
    }
    /** {@code deflected / searchSessions}, 0 when there was no session. */
    public double rate() {
        return searchSessions == 0 ? 0 : (double) deflected / searchSessions;
    }
}

package dev.savoir.kb.learning;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.reports.KpiReport;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Knowledge that learns, and how it measures: the approval queue of synonyms and typo corrections mined from the
 * search log, the decisions taken on it, and the KPI report of a period. Obtained from
 * {@link dev.savoir.kb.KnowledgeBase#learning()}. Thread-safe.
 *
 * <pre>{@code
 * Learning learning = kb.learning();
 * for (VocabularyCandidate c : learning.candidates(manager, monthStart, now, 20)) {
 *     // c.pair(): synonym en: "bill" -> "invoice", seen in c.sessions() distinct sessions
 * }
 * learning.approve(manager, LearnedPair.synonym(Locale.ENGLISH, "bill", "invoice"));
 * kb.search(viewer, SearchRequest.of("bill"));   // now also finds the invoice articles, no restart
 * }</pre>
 *
 * <p><b>What is learned.</b> Within one session (the host's session id, as given to
 * {@code KnowledgeBase.search(viewer, request, sessionId)}), a search whose results nobody clicked followed within
 * five minutes by another: their differing words (at most {@value LearnedPair#MAX_WORDS} each, "pay my bill" →
 * "pay my invoice" gives "bill" → "invoice") become a {@link PairKind#CORRECTION correction} when the first found
 * nothing, the second found something and they are a small edit apart, and a {@link PairKind#SYNONYM synonym} when
 * they are not and a result of the second was clicked. A pair is proposed only when at least
 * {@link #minSessions()} distinct sessions made it (repeats within a session count once), it is at least a fifth
 * of the reformulations of its first words, and it is no chance: not explained by how often its second words follow
 * any search (a log-likelihood test), and its first words do not work already (searched alone, at least half of
 * their searches end in a click); never when either query holds anything that looks like personal data
 * (e-mail addresses, phone, card or account numbers, long digit runs, URLs with tokens: masked or not); never when
 * it was decided already. Sessions of more than 100 searches are taken for robots and ignored.
 *
 * <p><b>Who sees what.</b> Every call needs an actor the permission policy allows
 * {@link Action#MANAGE_SEARCH_VOCABULARY} (the built-in policy: a publisher or an admin), the KPI report
 * {@link Action#READ_KPI_REPORT}. Candidates carry no viewer identity; approved pairs change which articles a
 * search finds and never show a searcher's text to a reader.
 *
 * <p><b>Taking effect.</b> A decision is stored durably before the call returns (in the knowledge base's folder, or
 * in the host's database with kb-jdbc) and handed to the search engine, whose next search uses it: no restart, no
 * reindex. A knowledge base on a shared store picks up the decisions of other nodes within its follow interval.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public interface Learning {
    /** The default of {@link #minSessions()}. */
    int DEFAULT_MIN_SESSIONS = 3;

    /** How many distinct sessions must make a reformulation before it is proposed. */
    int minSessions();

    /**
     * The approval queue: pairs mined from the searches of [from, to), not yet decided, best first (by
     * {@link VocabularyCandidate#score()}), at most {@code limit} (1 to 1,000). Reads the period's search log: a
     * slow call, for a knowledge manager's screen.
     *
     * @throws PermissionDeniedException if the actor may not manage the search vocabulary
     * @throws dev.savoir.kb.KbException if the analytics store keeps no per-session events
     */
    List<VocabularyCandidate> candidates(Actor actor, Instant from, Instant to, int limit);

    /**
     * Approves a pair as it is (a candidate of the queue, or one a knowledge manager adds): searches use it from the
     * next one on.
     *
     * @throws PermissionDeniedException if the actor may not manage the search vocabulary
     */
    VocabularyDecision approve(Actor actor, LearnedPair candidate);

    /**
     * Approves a candidate in an edited form ({@code "invoce" → "invoice"} fixed, a correction turned into a
     * synonym, ...): searches use {@code edited}, and the candidate is no longer proposed.
     *
     * @throws dev.savoir.kb.InvalidArgumentException if {@code edited} is in another language than the candidate
     * @throws PermissionDeniedException if the actor may not manage the search vocabulary
     */
    VocabularyDecision approveEdited(Actor actor, LearnedPair candidate, LearnedPair edited);

    /**
     * Rejects a candidate: never proposed again, never applied (an approved one stops applying).
     *
     * @throws PermissionDeniedException if the actor may not manage the search vocabulary
     */
    VocabularyDecision reject(Actor actor, LearnedPair candidate);

    /**
     * Forgets the decision on a candidate: an approved pair stops applying, and the log may propose it again.
     *
     * @return whether there was a decision
     * @throws PermissionDeniedException if the actor may not manage the search vocabulary
     */
    boolean withdraw(Actor actor, LearnedPair candidate);

    /**
     * Every decision, the most recent first.
     *
     * @throws PermissionDeniedException if the actor may not manage the search vocabulary
     */
    List<VocabularyDecision> decisions(Actor actor);

    /**
     * The KPI report of [from, to) (at most 366 days): self-service deflection, searches without a click, knowledge
     * gaps opened and closed, reviews overdue per owner, and the sections other features contribute.
     *
     * @throws PermissionDeniedException if the actor may not read the KPI report
     */
    KpiReport kpis(Actor actor, Instant from, Instant to);
}

package dev.savoir.kb.internal.learning;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.internal.index.IndexSync;
import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.learning.Learning;
import dev.savoir.kb.learning.VocabularyCandidate;
import dev.savoir.kb.learning.VocabularyDecision;
import dev.savoir.kb.reports.KpiReport;
import dev.savoir.kb.reports.KpiSections;
import dev.savoir.kb.reports.ReviewDue;
import dev.savoir.kb.spi.AnalyticsStore;
import dev.savoir.kb.spi.LearningStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Learning} of one knowledge base: permission checks, mining on demand ({@link VocabularyMiner} over the
 * analytics store's session events), decisions stored in the {@link LearningStore} and then handed, as the whole
 * approved vocabulary, to the search engine; the KPI report ({@link Kpis}).
 */
public final class LearningService implements Learning {
    private static final Logger LOG = LoggerFactory.getLogger(LearningService.class);
    /** The most candidates one call returns. */
    static final int MAX_CANDIDATES = 1_000;

    private final KbContext kb;
    private final AnalyticsStore analytics;
    private final LearningStore store;
    private final IndexSync index;
    private final int minSessions;
    private final Kpis kpis;
    /** The vocabulary the engine was last given. */
    private volatile @Nullable List<LearnedPair> applied;

    public LearningService(KbContext kb, AnalyticsStore analytics, LearningStore store, IndexSync index,
                           int minSessions, Supplier<List<ReviewDue>> dueForReview, KpiSections sections) {
        this.kb = kb;
        this.analytics = analytics;
        this.store = store;
        this.index = index;
        this.minSessions = minSessions;
        this.kpis = new Kpis(kb, analytics, index, dueForReview, sections);
    }

    /** The decisions' store, for closing. */
    public LearningStore store() {
        return store;
    }

    @Override
    public int minSessions() {
        return minSessions;
    }

    @Override
    public List<VocabularyCandidate> candidates(@Nullable Actor actor, @Nullable Instant from, @Nullable Instant to,
                                                int limit) {
        kb.requireOpen();
        kb.permit(actor, Action.MANAGE_SEARCH_VOCABULARY, null);
        Check.period(from, to);
        Check.range("limit", limit, 1, MAX_CANDIDATES);
        Set<LearnedPair> decided = new HashSet<>();
        for (VocabularyDecision d : store.decisions()) {
            decided.add(d.candidate());
            if (d.applied() != null) {
                decided.add(d.applied());
            }
        }
        analytics.flush();
        VocabularyMiner miner = new VocabularyMiner(minSessions);
        analytics.sessionEvents(from, to, miner::accept);
        List<VocabularyCandidate> all = miner.candidates(decided::contains);
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    @Override
    public VocabularyDecision approve(@Nullable Actor actor, @Nullable LearnedPair candidate) {
        Check.notNull("candidate", candidate);
        return decide(actor, candidate, VocabularyDecision.Status.APPROVED, candidate);
    }

    @Override
    public VocabularyDecision approveEdited(@Nullable Actor actor, @Nullable LearnedPair candidate,
                                            @Nullable LearnedPair edited) {
        Check.notNull("candidate", candidate);
        Check.notNull("edited", edited);
        if (!edited.language().equals(candidate.language())) {
            throw new InvalidArgumentException("edited", "must keep the candidate's language ("
                    + candidate.language() + "), got " + edited.language() + ": approve a pair of the other language "
                    + "on its own");
        }
        return decide(actor, candidate, VocabularyDecision.Status.APPROVED, edited);
    }

    @Override
    public VocabularyDecision reject(@Nullable Actor actor, @Nullable LearnedPair candidate) {
        Check.notNull("candidate", candidate);
        return decide(actor, candidate, VocabularyDecision.Status.REJECTED, null);
    }

    private synchronized VocabularyDecision decide(@Nullable Actor actor, LearnedPair candidate,
                                                   VocabularyDecision.Status status, @Nullable LearnedPair use) {
        kb.requireOpen();
        kb.permit(actor, Action.MANAGE_SEARCH_VOCABULARY, null);
        VocabularyDecision d = new VocabularyDecision(candidate, status, use, actor.id(), kb.clock().instant());
        store.save(d);
        push();
        return d;
    }

    @Override
    public synchronized boolean withdraw(@Nullable Actor actor, @Nullable LearnedPair candidate) {
        kb.requireOpen();
        kb.permit(actor, Action.MANAGE_SEARCH_VOCABULARY, null);
        Check.notNull("candidate", candidate);
        boolean had = store.delete(candidate);
        push();
        return had;
    }

    @Override
    public List<VocabularyDecision> decisions(@Nullable Actor actor) {
        kb.requireOpen();
        kb.permit(actor, Action.MANAGE_SEARCH_VOCABULARY, null);
        return store.decisions();
    }

    @Override
    public KpiReport kpis(@Nullable Actor actor, @Nullable Instant from, @Nullable Instant to) {
        kb.requireOpen();
        kb.permit(actor, Action.READ_KPI_REPORT, null);
        Check.period(from, to);
        return kpis.report(from, to);
    }

    /**
     * Hands the approved vocabulary to the search engine if it changed since it was last given (at open, after a
     * decision, and from time to time on a shared store).
     */
    public synchronized void push() {
        if (!index.hasEngine() || kb.isClosed()) {
            return;
        }
        List<LearnedPair> now = store.decisions().stream().map(VocabularyDecision::applied)
                .filter(java.util.Objects::nonNull).toList();
        if (now.equals(applied)) {
            return;
        }
        if (!index.engine().useVocabulary(now)) {
            LOG.debug("The search engine applies no learned vocabulary");
        }
        applied = now;
    }

    /** {@link #push()} for the scheduler: never throws. */
    public void pushQuietly() {
        try {
            push();
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the learned search vocabulary again: {}", e.getMessage());
        }
    }
}

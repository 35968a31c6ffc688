package dev.savoir.kb.internal.lifecycle;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.KbException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.Violation;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.internal.gate.PublishGate;
import dev.savoir.kb.internal.write.ChangePipeline;
import dev.savoir.kb.internal.write.Edits;
import dev.savoir.kb.internal.write.Mutation;
import dev.savoir.kb.spi.SchedulerLease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled publishing and archiving: finds the translations whose time has come on the knowledge base's clock and
 * applies the {@link Transitions} rule (publishing runs the {@link PublishGate} again, since a linked article may
 * have been withdrawn since it was scheduled). Runs only while this process holds the {@link SchedulerLease}, so
 * that when several processes share a store exactly one publishes what came due.
 */
public final class ScheduledTransitions {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledTransitions.class);
    /** The actor named in the audit trail of scheduled transitions. */
    public static final String SYSTEM_ACTOR = "system";

    private final KbContext kb;
    private final ChangePipeline pipeline;
    private final Transitions transitions;
    private final PublishGate gate;
    private final SchedulerLease lease;
    private final Duration leaseTtl;

    /**
     * @param leaseTtl how long one acquisition of the lease holds (a few scheduler intervals, so that a process
     *     that died hands over within that time)
     */
    public ScheduledTransitions(KbContext kb, ChangePipeline pipeline, Transitions transitions, PublishGate gate,
                                SchedulerLease lease, Duration leaseTtl) {
        this.kb = kb;
        this.pipeline = pipeline;
        this.transitions = transitions;
        this.gate = gate;
        this.lease = lease;
        this.leaseTtl = leaseTtl;
    }

    /** Runs every transition that came due; returns how many ran (0 when another process holds the lease). */
    public int processScheduled() {
        kb.requireOpen();
        if (!lease.tryAcquire(leaseTtl)) {
            LOG.debug("Another process holds the scheduler lease; no scheduled transition runs here");
            return 0;
        }
        int done = 0;
        Instant now = kb.clock().instant();
        for (ArticleId id : kb.store().transitionsDue(now)) {
            Article a = kb.store().article(id).orElse(null);
            if (a == null) {
                continue;
            }
            for (Translation t : a.translations().values()) {
                if (Transitions.publishDue(t, now) || Transitions.archiveDue(t, now)) {
                    try {
                        done += run(id, t.locale()) ? 1 : 0;
                    } catch (KbException e) {
                        LOG.warn("Scheduled transition of {} [{}] failed: {}", id, t.locale().toLanguageTag(),
                                e.getMessage());
                    }
                }
            }
        }
        return done;
    }

    /** {@link #processScheduled()} for the background timer: never throws. */
    public void processQuietly() {
        if (kb.isClosed()) {
            return;
        }
        try {
            int n = processScheduled();
            if (n > 0) {
                LOG.info("Ran {} scheduled transition(s)", n);
            }
        } catch (RuntimeException e) {
            LOG.error("Scheduled transitions failed", e);
        }
    }

    /** Gives the lease up, on close. */
    public void release() {
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.warn("Releasing the scheduler lease failed; another process takes it when it expires", e);
        }
    }

    private boolean run(ArticleId id, Locale locale) {
        return Boolean.TRUE.equals(pipeline.mutateAsSystem(id, (a, now) -> {
            Translation t = KbContext.translationOf(a, locale);
            if (Transitions.archiveDue(t, now)) {
                Transitions.Step step = transitions.scheduledArchive(t, now);
                return mutation(a, t, step, null, now, Boolean.TRUE);
            }
            if (Transitions.publishDue(t, now)) {
                Revision latest = kb.store().revision(a.id(), locale, t.latestRevision()).orElseThrow();
                List<Violation> violations = gate.violations(a, latest);
                Transitions.Step step = transitions.scheduledPublish(t, violations, now);
                return mutation(a, t, step, t.latestRevision(), now, violations.isEmpty());
            }
            return null;
        }));
    }

    private static Mutation<Boolean> mutation(Article a, Translation t, Transitions.Step step,
                                              @Nullable Integer revision, Instant now, boolean done) {
        AuditEvent ev = new AuditEvent(now, SYSTEM_ACTOR, a.id(), t.locale(), step.action(), t.state(),
                step.translation().state(), revision, step.detail());
        return new Mutation<>(Edits.withTranslation(a, step.translation(), now), List.of(), List.of(ev), done);
    }
}

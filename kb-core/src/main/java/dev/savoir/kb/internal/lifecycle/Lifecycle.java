package dev.savoir.kb.internal.lifecycle;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.Locales;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.internal.gate.PublishGate;
import dev.savoir.kb.internal.write.ChangePipeline;
import dev.savoir.kb.internal.write.Edits;
import dev.savoir.kb.internal.write.Mutation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade's lifecycle transitions: each one checks its arguments and the revision it was based on, applies a
 * {@link Transitions} rule (and the {@link PublishGate} before anything goes live) through the write pipeline, and
 * records an audit event.
 */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** One rule: the next step of {@code current}. */
    @FunctionalInterface
    private interface Rule {
        Transitions.Step apply(Article article, Translation current, Instant now);
    }

    private final KbContext kb;
    private final ChangePipeline pipeline;
    private final Transitions transitions;
    private final PublishGate gate;

    public Lifecycle(KbContext kb, ChangePipeline pipeline, Transitions transitions, PublishGate gate) {
        this.kb = kb;
        this.pipeline = pipeline;
        this.transitions = transitions;
        this.gate = gate;
    }

    public Translation submitForReview(Actor actor, ArticleId id, Locale locale, int basedOnRevision) {
        Check.notNull("actor", actor);
        return run(actor, id, locale, Action.SUBMIT, basedOnRevision,
                (a, t, now) -> transitions.submit(id, t, actor.id(), now));
    }

    public Translation approve(Actor actor, ArticleId id, Locale locale, int basedOnRevision) {
        Check.notNull("actor", actor);
        return run(actor, id, locale, Action.APPROVE, basedOnRevision, (a, t, now) -> {
            String author = transitions.distinctReviewer() ? latest(a, t).author() : null;
            return transitions.approve(id, t, actor.id(), author, now);
        });
    }

    public Translation requestChanges(Actor actor, ArticleId id, Locale locale, int basedOnRevision,
                                      String comment) {
        Check.notNull("comment", comment);
        return run(actor, id, locale, Action.REQUEST_CHANGES, basedOnRevision,
                (a, t, now) -> transitions.requestChanges(id, t, comment, now));
    }

    public Translation publish(Actor actor, ArticleId id, Locale locale, int basedOnRevision) {
        return run(actor, id, locale, Action.PUBLISH, basedOnRevision, (a, t, now) -> {
            Transitions.Step step = transitions.publish(id, t, now);
            gate.check(a, latest(a, t));
            return step;
        });
    }

    public Translation schedulePublish(Actor actor, ArticleId id, Locale locale, int basedOnRevision, Instant at) {
        Check.notNull("at", at);
        return run(actor, id, locale, Action.SCHEDULE_PUBLISH, basedOnRevision, (a, t, now) -> {
            Transitions.Step step = transitions.schedulePublish(id, t, at, now);
            gate.check(a, latest(a, t));
            return step;
        });
    }

    public Translation unpublish(Actor actor, ArticleId id, Locale locale) {
        return run(actor, id, locale, Action.UNPUBLISH, null, (a, t, now) -> transitions.unpublish(id, t, now));
    }

    public Translation archive(Actor actor, ArticleId id, Locale locale) {
        return run(actor, id, locale, Action.ARCHIVE, null, (a, t, now) -> transitions.archive(id, t, now));
    }

    public Translation scheduleArchive(Actor actor, ArticleId id, Locale locale, Instant at) {
        Check.notNull("at", at);
        return run(actor, id, locale, Action.SCHEDULE_ARCHIVE, null,
                (a, t, now) -> transitions.scheduleArchive(id, t, at, now));
    }

    public Translation restoreFromArchive(Actor actor, ArticleId id, Locale locale) {
        return run(actor, id, locale, Action.RESTORE_FROM_ARCHIVE, null,
                (a, t, now) -> transitions.restoreFromArchive(id, t, now));
    }

    private Revision latest(Article a, Translation t) {
        return kb.store().revision(a.id(), t.locale(), t.latestRevision()).orElseThrow();
    }

    private Translation run(@Nullable Actor actor, @Nullable ArticleId id, @Nullable Locale locale, Action action,
                            @Nullable Integer basedOnRevision, Rule rule) {
        Check.notNull("actor", actor);
        Check.notNull("id", id);
        Locales.check(Check.notNull("locale", locale));
        return pipeline.mutate(actor, id, action, (a, now) -> {
            Translation t = KbContext.translationOf(a, locale);
            if (basedOnRevision != null) {
                Edits.checkBasis(id, t, basedOnRevision);
            }
            Transitions.Step step = rule.apply(a, t, now);
            Translation next = step.translation();
            AuditEvent ev = new AuditEvent(now, actor.id(), id, locale, step.action(), t.state(), next.state(),
                    next.latestRevision(), step.detail());
            LOG.debug("{} {} [{}]: {} -> {} by {}", step.action(), id, locale.toLanguageTag(), t.state(),
                    next.state(), actor.id());
            return new Mutation<>(Edits.withTranslation(a, next, now), List.of(), List.of(ev), next);
        });
    }
}

package dev.savoir.kb.internal.write;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleVersionConflictException;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.DuplicateArticleException;
import dev.savoir.kb.InvalidTransitionException;
import dev.savoir.kb.Locales;
import dev.savoir.kb.MetadataChange;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.RevisionNotFoundException;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.Violation;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.gate.PublishGate;
import dev.savoir.kb.spi.StoreCommit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that create articles or change their content or metadata: create (one, or an all-or-nothing batch), edit,
 * translate, restore a revision, change metadata, verify. Each checks its input against {@link InputLimits} before
 * anything is locked, then goes through the {@link ChangePipeline}.
 */
public final class ArticleWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleWriter.class);

    private final KbContext kb;
    private final ChangePipeline pipeline;
    private final InputLimits limits;
    private final PublishGate gate;

    public ArticleWriter(KbContext kb, ChangePipeline pipeline, InputLimits limits, PublishGate gate) {
        this.kb = kb;
        this.pipeline = pipeline;
        this.limits = limits;
        this.gate = gate;
    }

    public Article create(@Nullable Actor actor, @Nullable NewArticle spec) {
        kb.requireOpen();
        Check.notNull("actor", actor);
        Check.notNull("spec", spec);
        limits.checkContent(spec.content());
        InputLimits.checkMetadata(spec.owner(), spec.tags(), spec.attributes());
        kb.permit(actor, Action.CREATE, null);
        StoreCommit commit = draft(actor, spec, kb.clock().instant(), AuditAction.CREATED);
        pipeline.create(commit);
        LOG.debug("Created {} [{}] by {}", spec.id(), spec.sourceLocale().toLanguageTag(), actor.id());
        return commit.article();
    }

    public List<Article> createAll(@Nullable Actor actor, @Nullable List<NewArticle> specs) {
        return createAll(actor, specs, false);
    }

    /**
     * Creates every article of the batch or none; with {@code publish}, each one's first revision is published in
     * the same commit (the actor needs the publish permission, the editorial rules must pass for each, no review
     * step applies: the content was approved where it comes from), so each translation is indexed once.
     */
    public List<Article> createAll(@Nullable Actor actor, @Nullable List<NewArticle> specs, boolean publish) {
        kb.requireOpen();
        Check.notNull("actor", actor);
        Check.notNull("specs", specs);
        kb.permit(actor, Action.CREATE, null);
        if (publish) {
            kb.permit(actor, Action.PUBLISH, null);
        }
        List<Violation> problems = new ArrayList<>();
        Set<ArticleId> ids = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            NewArticle spec = Check.notNull("specs[" + i + "]", specs.get(i));
            List<Violation> own = new ArrayList<>();
            try {
                limits.contentViolations(spec.content(), own);
            } catch (ValidationException tooLarge) {
                own.addAll(tooLarge.violations());
            }
            InputLimits.metadataViolations(spec.owner(), spec.tags(), spec.attributes(), own);
            own.forEach(v -> problems.add(new Violation(v.field(), spec.id() + ": " + v.message())));
            if (!ids.add(spec.id())) {
                throw new DuplicateArticleException("the id " + spec.id() + " appears twice in the batch");
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Instant now = kb.clock().instant();
        List<StoreCommit> commits = new ArrayList<>(specs.size());
        for (NewArticle spec : specs) {
            StoreCommit c = draft(actor, spec, now, AuditAction.IMPORTED);
            if (publish) {
                c = published(actor, c, now);
                gate.violations(c.article(), c.revisions().getFirst())
                        .forEach(v -> problems.add(new Violation(v.field(), spec.id() + ": " + v.message())));
            }
            commits.add(c);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        pipeline.createAll(ids, commits, () -> LOG.info("Imported {} articles{} by {}", commits.size(),
                publish ? " published" : "", actor.id()), commits.stream().flatMap(c -> c.events().stream()).toList());
        return commits.stream().map(StoreCommit::article).toList();
    }

    /** The draft's commit with its first revision published at once. */
    private static StoreCommit published(Actor actor, StoreCommit draft, Instant now) {
        Article a = draft.article();
        Locale locale = a.sourceLocale();
        Translation t = new Translation(locale, TranslationState.PUBLISHED, 1, 1, null, null, null, null, now, now);
        Article live = new Article(a.id(), a.version(), a.category(), a.type(), a.owner(), a.tags(), a.attributes(),
                a.visibility(), locale, a.reviewInterval(), a.verifiedAt(), a.verifiedBy(), a.reviewDueAt(),
                a.createdAt(), a.updatedAt(), Map.of(locale, t));
        AuditEvent event = new AuditEvent(now, actor.id(), a.id(), locale, AuditAction.PUBLISHED,
                TranslationState.DRAFT, TranslationState.PUBLISHED, 1, "published on import");
        List<AuditEvent> events = new ArrayList<>(draft.events());
        events.add(event);
        return new StoreCommit(live, 0, draft.revisions(), events);
    }

    private static StoreCommit draft(Actor actor, NewArticle spec, Instant now, AuditAction action) {
        Locale locale = spec.sourceLocale();
        Revision rev = Edits.newRevision(spec.id(), locale, 1, spec.content(), actor, now, spec.changeNote(), null);
        Translation t = new Translation(locale, TranslationState.DRAFT, 1, null, null, null, null, null, null, now);
        Instant due = spec.reviewInterval() == null ? null : now.plus(spec.reviewInterval());
        Article article = new Article(spec.id(), 1, spec.category(), spec.type(), spec.owner(), spec.tags(),
                spec.attributes(), spec.visibility(), locale, spec.reviewInterval(), null, null, due, now, now,
                Map.of(locale, t));
        AuditEvent event = new AuditEvent(now, actor.id(), spec.id(), locale, action, null, TranslationState.DRAFT,
                1, "");
        return new StoreCommit(article, 0, List.of(rev), List.of(event));
    }

    /**
     * A new revision of a translation: new content, or ({@code restoreFrom}) the content of an old revision; for a
     * translation that is not the source, {@code translatedFrom} records the source revision it now matches.
     */
    public Revision newContent(@Nullable Actor actor, @Nullable ArticleId id, @Nullable Locale locale,
                               int basedOnRevision, @Nullable ArticleContent content, @Nullable String changeNote,
                               @Nullable Integer restoreFrom, @Nullable Integer translatedFrom, Action action) {
        return newContent(actor, id, locale, basedOnRevision, content, changeNote, restoreFrom, translatedFrom, action,
                false);
    }

    /**
     * As {@link #newContent(Actor, ArticleId, Locale, int, ArticleContent, String, Integer, Integer, Action)}, with
     * the revision marked {@code minor} or not.
     */
    public Revision newContent(@Nullable Actor actor, @Nullable ArticleId id, @Nullable Locale locale,
                               int basedOnRevision, @Nullable ArticleContent content, @Nullable String changeNote,
                               @Nullable Integer restoreFrom, @Nullable Integer translatedFrom, Action action,
                               boolean minor) {
        Check.notNull("actor", actor);
        Check.notNull("id", id);
        Locales.check(Check.notNull("locale", locale));
        Check.notNull("changeNote", changeNote);
        Check.atLeastIfPresent("translatedFromSourceRevision", translatedFrom, 1);
        if (restoreFrom == null) {
            limits.checkContent(Check.notNull("content", content));
        }
        return pipeline.mutate(actor, id, action, (article, now) -> {
            Translation t = KbContext.translationOf(article, locale);
            Edits.checkBasis(id, t, basedOnRevision);
            if (t.state() == TranslationState.ARCHIVED) {
                throw new InvalidTransitionException(id, locale.toLanguageTag(), t.state(), action,
                        "restore it from the archive first");
            }
            ArticleContent newContent = content;
            if (restoreFrom != null) {
                newContent = kb.store().revision(id, locale, restoreFrom).orElseThrow(() ->
                        new RevisionNotFoundException(id + " [" + locale.toLanguageTag() + "] has no revision "
                                + restoreFrom + " (latest is " + t.latestRevision() + ")")).content();
            }
            if (translatedFrom != null) {
                checkSourceRevision(article, locale, translatedFrom);
            }
            int number = t.latestRevision() + 1;
            Revision rev = Edits.newRevision(id, locale, number, Check.notNull("content", newContent), actor, now,
                    changeNote, restoreFrom, minor);
            Translation next = new Translation(locale, TranslationState.DRAFT, number, t.publishedRevision(),
                    translatedFrom != null ? translatedFrom : t.translatedFrom(), null, t.scheduledArchiveAt(), null,
                    t.publishedAt(), now);
            AuditAction what = restoreFrom != null ? AuditAction.REVISION_RESTORED : AuditAction.EDITED;
            String detail = restoreFrom != null ? "restored revision " + restoreFrom : changeNote;
            AuditEvent ev = new AuditEvent(now, actor.id(), id, locale, what, t.state(), TranslationState.DRAFT,
                    number, detail);
            return new Mutation<>(Edits.withTranslation(article, next, now), List.of(rev), List.of(ev), rev);
        });
    }

    public Revision addTranslation(@Nullable Actor actor, @Nullable ArticleId id, @Nullable Locale locale,
                                   @Nullable ArticleContent content, int translatedFromSourceRevision,
                                   @Nullable String changeNote) {
        Check.notNull("actor", actor);
        Check.notNull("id", id);
        Locales.check(Check.notNull("locale", locale));
        limits.checkContent(Check.notNull("content", content));
        Check.atLeast("translatedFromSourceRevision", translatedFromSourceRevision, 1);
        Check.notNull("changeNote", changeNote);
        return pipeline.mutate(actor, id, Action.ADD_TRANSLATION, (article, now) -> {
            if (article.translations().containsKey(locale)) {
                throw new DuplicateArticleException(id + " already has a translation in " + locale.toLanguageTag()
                        + ": edit it instead");
            }
            checkSourceRevision(article, locale, translatedFromSourceRevision);
            Revision rev = Edits.newRevision(id, locale, 1, content, actor, now, changeNote, null);
            Translation t = new Translation(locale, TranslationState.DRAFT, 1, null, translatedFromSourceRevision,
                    null, null, null, null, now);
            AuditEvent ev = new AuditEvent(now, actor.id(), id, locale, AuditAction.TRANSLATION_ADDED, null,
                    TranslationState.DRAFT, 1, "translated from source revision " + translatedFromSourceRevision);
            return new Mutation<>(Edits.withTranslation(article, t, now), List.of(rev), List.of(ev), rev);
        });
    }

    public Article updateMetadata(@Nullable Actor actor, @Nullable ArticleId id, long basedOnVersion,
                                  @Nullable MetadataChange change) {
        Check.notNull("change", change);
        return pipeline.mutate(actor, id, Action.UPDATE_METADATA, (a, now) -> {
            if (a.version() != basedOnVersion) {
                throw new ArticleVersionConflictException(a.id(), basedOnVersion, a.version());
            }
            Set<String> tags = change.tags() != null ? change.tags() : a.tags();
            Map<String, String> attrs = change.attributes() != null ? change.attributes() : a.attributes();
            String owner = change.owner() != null ? change.owner() : a.owner();
            InputLimits.checkMetadata(owner, tags, attrs);
            Duration interval = a.reviewInterval();
            Instant due = a.reviewDueAt();
            if (change.reviewInterval() != null) {
                if (change.reviewInterval().isNegative()) {
                    throw new ValidationException(List.of(new Violation("reviewInterval",
                            "must be positive, or Duration.ZERO to remove it")));
                }
                interval = change.reviewInterval().isZero() ? null : change.reviewInterval();
                Instant from = a.verifiedAt() != null ? a.verifiedAt() : a.createdAt();
                due = interval == null ? null : from.plus(interval);
            }
            Article next = new Article(a.id(), a.version() + 1,
                    change.category() != null ? change.category() : a.category(),
                    change.type() != null ? change.type() : a.type(), owner, tags, attrs,
                    change.visibility() != null ? change.visibility() : a.visibility(), a.sourceLocale(), interval,
                    a.verifiedAt(), a.verifiedBy(), due, a.createdAt(), now, a.translations());
            AuditEvent ev = new AuditEvent(now, actor.id(), a.id(), null, AuditAction.METADATA_CHANGED, null, null,
                    null, describe(change));
            return new Mutation<>(next, List.of(), List.of(ev), next);
        });
    }

    public Article verify(@Nullable Actor actor, @Nullable ArticleId id) {
        Check.notNull("actor", actor);
        return pipeline.mutate(actor, id, Action.VERIFY, (a, now) -> {
            Instant due = a.reviewInterval() == null ? null : now.plus(a.reviewInterval());
            Article next = new Article(a.id(), a.version() + 1, a.category(), a.type(), a.owner(), a.tags(),
                    a.attributes(), a.visibility(), a.sourceLocale(), a.reviewInterval(), now, actor.id(), due,
                    a.createdAt(), now, a.translations());
            AuditEvent ev = new AuditEvent(now, actor.id(), a.id(), null, AuditAction.VERIFIED, null, null, null,
                    due == null ? "" : "next review due " + due);
            return new Mutation<>(next, List.of(), List.of(ev), next);
        });
    }

    private static void checkSourceRevision(Article a, Locale locale, int sourceRevision) {
        if (locale.equals(a.sourceLocale())) {
            throw new ValidationException(List.of(new Violation("translatedFromSourceRevision", locale.toLanguageTag()
                    + " is the source locale of " + a.id() + "; only other translations record a source revision")));
        }
        int latest = a.source().latestRevision();
        if (sourceRevision < 1 || sourceRevision > latest) {
            throw new ValidationException(List.of(new Violation("translatedFromSourceRevision", "source revision "
                    + sourceRevision + " does not exist; the source has revisions 1 to " + latest)));
        }
    }

    private static String describe(MetadataChange c) {
        List<String> fields = new ArrayList<>();
        if (c.category() != null) {
            fields.add("category=" + c.category());
        }
        if (c.type() != null) {
            fields.add("type=" + c.type());
        }
        if (c.owner() != null) {
            fields.add("owner=" + c.owner());
        }
        if (c.tags() != null) {
            fields.add("tags");
        }
        if (c.attributes() != null) {
            fields.add("attributes");
        }
        if (c.visibility() != null) {
            fields.add("visibility=" + PublishGate.describe(c.visibility()));
        }
        if (c.reviewInterval() != null) {
            fields.add("reviewInterval=" + c.reviewInterval());
        }
        return String.join(", ", fields);
    }
}

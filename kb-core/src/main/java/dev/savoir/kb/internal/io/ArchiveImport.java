package dev.savoir.kb.internal.io;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.DuplicateArticleException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.Violation;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.internal.feedback.Feedback;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.read.EditorReads;
import dev.savoir.kb.internal.write.ChangePipeline;
import dev.savoir.kb.io.ImportProgress;
import dev.savoir.kb.spi.StoreCommit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports one article with everything about it, and imports archived articles as one all-or-nothing batch after
 * {@link ArchiveCheck} (the one archive validator) found nothing wrong with any of them.
 */
public final class ArchiveImport {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveImport.class);

    private final KbContext kb;
    private final ChangePipeline pipeline;
    private final EditorReads editor;
    private final Feedback feedback;
    private final InputLimits limits;

    public ArchiveImport(KbContext kb, ChangePipeline pipeline, EditorReads editor, Feedback feedback,
                         InputLimits limits) {
        this.kb = kb;
        this.pipeline = pipeline;
        this.editor = editor;
        this.feedback = feedback;
        this.limits = limits;
    }

    public ArticleArchive exportArchive(@Nullable Actor actor, @Nullable ArticleId id) {
        Article a = editor.article(actor, id);
        Map<Locale, List<Revision>> revisions = new LinkedHashMap<>();
        for (Locale l : a.translations().keySet()) {
            revisions.put(l, kb.store().revisions(a.id(), l));
        }
        return new ArticleArchive(a, revisions, kb.store().auditEvents(a.id()), feedback.summary(a.id()));
    }

    public int importArchives(@Nullable Actor actor, @Nullable List<ArticleArchive> archives, boolean keepStates) {
        kb.requireOpen();
        Check.notNull("actor", actor);
        Check.notNull("archives", archives);
        kb.permit(actor, Action.CREATE, null);
        if (keepStates) {
            kb.permit(actor, Action.PUBLISH, null);
        }
        Instant now = kb.clock().instant();
        List<Violation> problems = new ArrayList<>();
        Set<ArticleId> ids = new HashSet<>();
        List<StoreCommit> commits = new ArrayList<>(archives.size());
        for (int i = 0; i < archives.size(); i++) {
            ArticleArchive archive = Check.notNull("archives[" + i + "]", archives.get(i));
            Article a = archive.article();
            if (!ids.add(a.id())) {
                throw new DuplicateArticleException("the id " + a.id() + " appears twice in the batch");
            }
            List<String> own = ArchiveCheck.problems(archive, limits);
            own.forEach(p -> problems.add(new Violation("archive", a.id() + ": " + p)));
            if (own.isEmpty() && problems.isEmpty()) {
                commits.add(commit(actor, archive, keepStates, now));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        pipeline.createAll(ids, commits, () -> {
            for (ArticleArchive archive : archives) {
                if (!archive.feedback().equals(FeedbackSummary.EMPTY)) {
                    feedback.restore(archive.article().id(), archive.feedback(), now);
                }
            }
            LOG.info("Imported {} archived articles by {}", commits.size(), actor.id());
        }, commits.stream().map(c -> c.events().getLast()).toList());
        if (kb.observing().active()) {
            ImportProgress before = Importer.running();
            int n = commits.size();
            kb.observing().importProgress(before == null ? new ImportProgress(n, n, 0, n)
                    : new ImportProgress(before.read(), before.imported() + n, before.rejected(),
                    Math.max(before.total(), before.imported() + n)));
        }
        return commits.size();
    }

    private static StoreCommit commit(Actor actor, ArticleArchive archive, boolean keepStates, Instant now) {
        Article a = archive.article();
        List<Revision> all = new ArrayList<>();
        Map<Locale, Translation> translations = new LinkedHashMap<>();
        for (Translation t : a.translations().values()) {
            all.addAll(archive.revisions().getOrDefault(t.locale(), List.of()));
            translations.put(t.locale(), keepStates ? t : new Translation(t.locale(), TranslationState.DRAFT,
                    t.latestRevision(), null, t.translatedFrom(), null, null, null, null, now));
        }
        Article imported = new Article(a.id(), a.version(), a.category(), a.type(), a.owner(), a.tags(),
                a.attributes(), a.visibility(), a.sourceLocale(), a.reviewInterval(), a.verifiedAt(),
                a.verifiedBy(), a.reviewDueAt(), a.createdAt(), keepStates ? a.updatedAt() : now, translations);
        List<AuditEvent> events = new ArrayList<>(archive.events());
        events.add(new AuditEvent(now, actor.id(), a.id(), null, AuditAction.IMPORTED, null, null, null,
                keepStates ? "imported with its states" : "imported as drafts"));
        return new StoreCommit(imported, 0, all, events);
    }
}

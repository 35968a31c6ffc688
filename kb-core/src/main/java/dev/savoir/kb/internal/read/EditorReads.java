package dev.savoir.kb.internal.read;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.Revision;
import dev.savoir.kb.RevisionDiff;
import dev.savoir.kb.RevisionNotFoundException;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.Contents;
import dev.savoir.kb.internal.KbContext;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Editors' reads: drafts, history, diffs and the audit trail, for an actor allowed to read drafts. */
public final class EditorReads {
    private final KbContext kb;

    public EditorReads(KbContext kb) {
        this.kb = kb;
    }

    public Article article(@Nullable Actor actor, @Nullable ArticleId id) {
        kb.requireOpen();
        Check.notNull("actor", actor);
        Article a = kb.load(id);
        kb.permit(actor, Action.READ_DRAFTS, a);
        return a;
    }

    public Revision revision(@Nullable Actor actor, @Nullable ArticleId id, @Nullable Locale locale, int number) {
        Article a = article(actor, id);
        KbContext.translationOf(a, locale);
        return kb.store().revision(a.id(), locale, number).orElseThrow(() -> new RevisionNotFoundException(
                a.id() + " [" + locale.toLanguageTag() + "] has no revision " + number));
    }

    public List<Revision> history(@Nullable Actor actor, @Nullable ArticleId id, @Nullable Locale locale) {
        Article a = article(actor, id);
        KbContext.translationOf(a, locale);
        return kb.store().revisions(a.id(), locale);
    }

    public RevisionDiff diff(@Nullable Actor actor, @Nullable ArticleId id, @Nullable Locale locale, int from,
                             int to) {
        return Contents.diff(revision(actor, id, locale, from), revision(actor, id, locale, to));
    }

    public List<AuditEvent> auditTrail(@Nullable Actor actor, @Nullable ArticleId id) {
        return kb.store().auditEvents(article(actor, id).id());
    }
}

package dev.savoir.kb.internal.io;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.InvalidLocaleException;
import dev.savoir.kb.Locales;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.Violation;
import dev.savoir.kb.internal.gate.InputLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one archive validator: checks an archived article (from an export, or a file being imported) before anything
 * is written, and lists every problem in words a person can act on: its shape (translations, revisions in order,
 * content hashes, states), and the same input limits as any other write ({@link InputLimits}). Both
 * {@code KnowledgeBase.importArchives} and the file importers run it.
 */
public final class ArchiveCheck {
    private ArchiveCheck() {
    }

    /** Every problem of the archive; empty when it may be imported. */
    public static List<String> problems(ArticleArchive archive, InputLimits limits) {
        List<String> p = new ArrayList<>();
        Article a = archive.article();
        if (a.translations().isEmpty()) {
            p.add("the article has no translation");
            return p;
        }
        if (!a.translations().containsKey(a.sourceLocale())) {
            p.add("no translation in its source locale " + a.sourceLocale().toLanguageTag());
        }
        for (Translation t : a.translations().values()) {
            String where = "[" + t.locale().toLanguageTag() + "] ";
            try {
                Locales.check(t.locale());
            } catch (InvalidLocaleException e) {
                p.add(where + e.getMessage());
                continue;
            }
            List<Revision> revs = archive.revisions().get(t.locale());
            if (revs == null || revs.isEmpty()) {
                p.add(where + "has no revision");
                continue;
            }
            for (int i = 0; i < revs.size(); i++) {
                Revision r = revs.get(i);
                if (r.number() != i + 1) {
                    p.add(where + "revision " + r.number() + " is out of place (expected " + (i + 1) + ")");
                    break;
                }
                if (!r.articleId().equals(a.id()) || !r.locale().equals(t.locale())) {
                    p.add(where + "revision " + r.number() + " belongs to " + r.articleId() + " ["
                            + r.locale().toLanguageTag() + "]");
                }
                if (!r.contentHash().equals(r.content().hash())) {
                    p.add(where + "revision " + r.number() + " does not match its content hash (the file was "
                            + "edited or damaged)");
                }
                List<Violation> content = new ArrayList<>();
                try {
                    limits.contentViolations(r.content(), content);
                } catch (ValidationException e) {
                    content.addAll(e.violations());
                }
                for (Violation v : content) {
                    p.add(where + "revision " + r.number() + ": " + v.message());
                }
            }
            if (revs.size() != t.latestRevision()) {
                p.add(where + revs.size() + " revisions, but the translation's latest revision is "
                        + t.latestRevision());
            }
            Integer published = t.publishedRevision();
            if (published != null && (published < 1 || published > t.latestRevision())) {
                p.add(where + "published revision " + published + " does not exist");
            }
            if (t.state() == TranslationState.PUBLISHED && !Integer.valueOf(t.latestRevision()).equals(published)) {
                p.add(where + "state published, but its latest revision " + t.latestRevision() + " is not the "
                        + "published one");
            }
            if (t.state() == TranslationState.SCHEDULED && t.scheduledPublishAt() == null) {
                p.add(where + "state scheduled without a publish time");
            }
            Integer from = t.translatedFrom();
            if (from != null && t.locale().equals(a.sourceLocale())) {
                p.add(where + "the source translation cannot be translated from another revision");
            }
        }
        for (Locale l : archive.revisions().keySet()) {
            if (!a.translations().containsKey(l)) {
                p.add("revisions for " + l.toLanguageTag() + ", which is not a translation of the article");
            }
        }
        for (AuditEvent e : archive.events()) {
            if (!e.articleId().equals(a.id())) {
                p.add("an audit event belongs to another article (" + e.articleId() + ")");
                break;
            }
        }
        List<Violation> metadata = new ArrayList<>();
        InputLimits.metadataViolations(a.owner(), a.tags(), a.attributes(), metadata);
        metadata.forEach(v -> p.add(v.message()));
        var f = archive.feedback();
        if (f.views() < 0 || f.helpful() < 0 || f.notHelpful() < 0 || f.ticketLinks() < 0
                || f.reasons().values().stream().anyMatch(v -> v == null || v < 0)) {
            p.add("negative feedback counts");
        }
        return p;
    }
}

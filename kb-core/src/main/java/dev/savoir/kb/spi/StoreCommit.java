package dev.savoir.kb.spi;

import dev.savoir.kb.Article;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.Revision;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One atomic change to one article: its new state, the revisions it adds and the audit events it records.
 *
 * @param article the article's new state; its version must be {@code expectedVersion + 1}, or any positive version
 *     when the article is created ({@code expectedVersion} 0), e.g. when an export is imported
 * @param expectedVersion the version the change was based on, 0 when creating the article
 * @param revisions new revisions, each numbered right after its translation's latest
 * @param events audit events
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StoreCommit(Article article, long expectedVersion, List<Revision> revisions, List<AuditEvent> events) {
    public StoreCommit {
        if (article == null || revisions == null || events == null) {
            throw new InvalidArgumentException(article == null ? "article" : revisions == null ? "revisions"
                    : "events", "is required, got null");
        }
        if (expectedVersion > 0 ? article.version() != expectedVersion + 1 : article.version() < 1) {
            throw new InvalidArgumentException("article", "its version must be expectedVersion + 1, got "
                    + article.version() + " after " + expectedVersion);
        }
        revisions = List.copyOf(revisions);
        events = List.copyOf(events);
        for (Revision r : revisions) {
            if (!r.articleId().equals(article.id())) {
                throw new InvalidArgumentException("revisions", "a revision of " + r.articleId() + " in a commit of "
                        + article.id());
            }
        }
    }
}

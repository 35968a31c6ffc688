package dev.savoir.kb.internal.write;

import dev.savoir.kb.Article;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.Revision;
import java.util.List;

/**
 * What one change makes of an article: its next state, the revisions it appends, the audit events it records, and
 * what the facade returns to the caller.
 */
public record Mutation<T>(Article article, List<Revision> revisions, List<AuditEvent> events, T result) {
}

package dev.savoir.kb;

/**
 * Receives every audit event after its change is durably stored, e.g. so that a CRM can react to "published".
 * Called on the thread that made the change, in order per article; a listener must be quick and must not call back
 * into the knowledge base's write methods. An exception thrown by a listener is logged and does not undo the change.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface KnowledgeBaseListener {
    void onEvent(AuditEvent event);
}

package dev.savoir.kb;

import java.io.Serial;

/**
 * Another process (or another {@code KnowledgeBase} in this JVM) already has this store directory open. Close it
 * first, or give each knowledge base its own directory.
 *
 * @since 0.1
 */
public final class StoreLockedException extends StoreException {
    @Serial
    private static final long serialVersionUID = 1L;

    public StoreLockedException(String message) {
        super(message);
    }
}

package dev.savoir.kb.spring;

import dev.savoir.kb.KnowledgeBaseBuilder;
import java.util.Map;

/**
 * Where the knowledge base's stores come from when not from {@code savoir.folder}: kb-jdbc's {@code PostgresStores}
 * (see {@link SavoirJdbcConfiguration}). An interface of its own so that the auto-configuration never names kb-jdbc's
 * types, which may be missing from the class path.
 */
interface StoreWiring {
    /** Gives the builder its stores (and scheduler lease). */
    KnowledgeBaseBuilder configure(KnowledgeBaseBuilder builder);

    /** What the health and info endpoints say of the store, e.g. {@code type=postgresql, schema=savoir}. */
    Map<String, Object> describe();
}

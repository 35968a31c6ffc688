/**
 * Savoir's core: the {@code KnowledgeBase} facade and its values ({@code dev.savoir.kb}), import and export
 * ({@code dev.savoir.kb.io}), search requests and results ({@code dev.savoir.kb.search}), and the service provider
 * interfaces ({@code dev.savoir.kb.spi}).
 * Implementation packages ({@code dev.savoir.kb.internal.*}) are not exported.
 */
module dev.savoir.kb.core {
    requires transitive org.jspecify;
    requires transitive org.apiguardian.api;
    requires transitive com.fasterxml.jackson.annotation;
    requires tools.jackson.databind;
    requires tools.jackson.dataformat.csv;
    requires tools.jackson.dataformat.yaml;
    requires tools.jackson.dataformat.smile;
    requires org.slf4j;
    requires transitive com.github.benmanes.caffeine;
    requires io.github.javadiffutils;

    exports dev.savoir.kb;
    exports dev.savoir.kb.io;
    exports dev.savoir.kb.search;
    exports dev.savoir.kb.analytics;
    exports dev.savoir.kb.feedback;
    exports dev.savoir.kb.policy;
    exports dev.savoir.kb.reports;
    exports dev.savoir.kb.privacy;
    exports dev.savoir.kb.inbox;
    exports dev.savoir.kb.learning;
    exports dev.savoir.kb.spi;

    // The file store's record format, for stores outside kb-core (kb-jdbc): StoreRecordCodec.standard().
    uses dev.savoir.kb.spi.StoreRecordCodec;
    provides dev.savoir.kb.spi.StoreRecordCodec with dev.savoir.kb.internal.store.codec.JsonStoreRecordCodec;

    // Only internal records of the feedback and analytics logs are bound by reflection; the store, the exports and
    // every API record are written and read field by field (internal.store.codec, internal.io.ArchiveJson).
    opens dev.savoir.kb.internal.feedback to tools.jackson.databind;
    opens dev.savoir.kb.internal.analytics to tools.jackson.databind;
    opens dev.savoir.kb.internal.workflow to tools.jackson.databind;
    opens dev.savoir.kb.internal.learning to tools.jackson.databind;
}

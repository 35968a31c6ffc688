/**
 * Savoir's Micrometer binding: {@code dev.savoir.kb.micrometer.SavoirMetrics}, an observer of a knowledge base that
 * records meters and observations. Implementation packages are not exported.
 */
module dev.savoir.kb.micrometer {
    requires transitive dev.savoir.kb.core;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires micrometer.commons;

    exports dev.savoir.kb.micrometer;
}

/**
 * Savoir's search engine on Apache Lucene: {@code dev.savoir.kb.lucene.LuceneSearchEngine}. Implementation packages
 * are not exported.
 */
module dev.savoir.kb.lucene {
    requires transitive dev.savoir.kb.core;
    requires org.apache.lucene.core;
    requires org.apache.lucene.analysis.common;
    requires org.slf4j;

    exports dev.savoir.kb.lucene;
}

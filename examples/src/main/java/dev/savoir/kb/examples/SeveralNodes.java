package dev.savoir.kb.examples;

// tag::several-nodes[]
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.jdbc.PostgresStores;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import java.nio.file.Path;
import javax.sql.DataSource;

/** One application node of several: the knowledge base in the host's PostgreSQL, a search index of its own. */
public final class SeveralNodes {
    private SeveralNodes() {
    }

    /** Opens this node's knowledge base; every node calls it with the same DataSource settings. */
    public static KnowledgeBase open(DataSource hostDataSource, Path localIndexFolder) {
        PostgresStores stores = PostgresStores.builder()
                .dataSource(hostDataSource)          // the host's pool (HikariCP...), never closed by Savoir
                .schema("savoir")                    // created if missing, beside the host's own tables
                .open();                             // checks PostgreSQL 15+, migrates the schema
        return stores.configure(KnowledgeBase.builder()) // articles, feedback, analytics, scheduler lease
                .searchEngine(LuceneSearchEngine.factory())
                .directory(localIndexFolder)         // this node's index (and nothing else)
                .build();                            // catches the index up, then follows the others' changes
    }
}
// end::several-nodes[]

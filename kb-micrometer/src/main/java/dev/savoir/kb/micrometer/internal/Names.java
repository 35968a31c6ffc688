package dev.savoir.kb.micrometer.internal;

import dev.savoir.kb.spi.KnowledgeBaseObserver.SearchKind;
import dev.savoir.kb.spi.KnowledgeBaseObserver.SearchOutcome;
import dev.savoir.kb.spi.KnowledgeBaseObserver.ViewerKind;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteKind;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteOutcome;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Every meter and observation name, tag key and tag value Savoir records: a closed vocabulary (enum names, exception
 * class names), so that no tag ever carries what a viewer typed and every tag stays low-cardinality.
 */
public final class Names {
    public static final String SEARCH = "savoir.search";
    public static final String SEARCH_HITS = "savoir.search.hits";
    public static final String SEARCH_ZERO_RESULTS = "savoir.search.zero.results";
    public static final String STORE_WRITE = "savoir.store.write";
    public static final String STORE_WRITE_ARTICLES = "savoir.store.write.articles";
    public static final String INDEX_LAG = "savoir.index.lag";
    public static final String INDEX_PENDING = "savoir.index.pending";
    public static final String EMBEDDING_PENDING = "savoir.embedding.pending";
    public static final String REBUILD_ARTICLES = "savoir.rebuild.articles";
    public static final String REBUILD_PROGRESS = "savoir.rebuild.progress";
    public static final String IMPORT_ARTICLES = "savoir.import.articles";
    public static final String IMPORT_REJECTED = "savoir.import.rejected";
    public static final String IMPORT_PROGRESS = "savoir.import.progress";
    /** The observations: named apart from the meters, so that a meter observation handler never collides. */
    public static final String SEARCH_OBSERVATION = "savoir.kb.search";
    public static final String WRITE_OBSERVATION = "savoir.kb.write";

    public static final String KIND = "kind";
    public static final String VIEWER = "viewer";
    public static final String OUTCOME = "outcome";
    public static final String EXCEPTION = "exception";
    public static final String NONE = "none";

    private Names() {
    }

    public static String of(SearchKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public static String of(ViewerKind viewer) {
        return viewer.name().toLowerCase(Locale.ROOT);
    }

    public static String of(SearchOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String of(WriteKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public static String of(WriteOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** An exception's simple class name (a nested class keeps its outer name), or {@value #NONE}. */
    public static String exception(@Nullable Class<? extends Throwable> error) {
        if (error == null) {
            return NONE;
        }
        String name = error.getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}

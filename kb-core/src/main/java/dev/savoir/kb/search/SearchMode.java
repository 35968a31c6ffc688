package dev.savoir.kb.search;

import org.apiguardian.api.API;

/**
 * How a search ranks: on the words (lexical), on the meaning (semantic, through the engine's embedding model), or on
 * both fused (hybrid). Semantic and hybrid need an engine configured with an embedding model; until the engine has
 * embedded the knowledge base they rank lexically, and so do locales the engine keeps lexical.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum SearchMode {
    /** Words, phrases, typos and synonyms (BM25 with the knowledge-base signals): every engine supports it. */
    LEXICAL,
    /** Nearest passages by meaning, one hit per article, with the knowledge-base signals. */
    SEMANTIC,
    /** Lexical and semantic results fused by rank, with the knowledge-base signals. */
    HYBRID
}

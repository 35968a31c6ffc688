package dev.savoir.kb.lucene.internal.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.savoir.kb.lucene.internal.SearchIndexFailure;
import java.io.IOException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * Document frequencies per reader, remembered: agent assist weighs every distinct word of a ticket by its document
 * frequency, and tickets share most of their vocabulary, so the same terms are looked up in every segment again and
 * again. An entry belongs to one reader (a refresh starts afresh); the cache is bounded by entry count.
 */
public final class DocFreqs {
    private record Key(Object reader, Term term) {
    }

    private final Cache<Key, Integer> cache = Caffeine.newBuilder().maximumSize(100_000).build();

    /** The term's document frequency in this reader. */
    public int of(IndexReader reader, Term term) {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            return lookup(reader, term);
        }
        return cache.get(new Key(helper.getKey(), term), k -> lookup(reader, term));
    }

    private static int lookup(IndexReader reader, Term term) {
        try {
            return reader.docFreq(term);
        } catch (IOException e) {
            throw SearchIndexFailure.of("reading a document frequency", e);
        }
    }
}

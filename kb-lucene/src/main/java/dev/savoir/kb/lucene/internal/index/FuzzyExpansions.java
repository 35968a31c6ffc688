package dev.savoir.kb.lucene.internal.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * The terms of each segment near a word, cached per segment core: a segment's terms never change (deletions do not
 * remove terms from its dictionary), so the terms within some edits of a word, and their similarities, are the same
 * at every search until Lucene closes the segment, when its entries are dropped. Building the Levenshtein automata and
 * intersecting them with the dictionary is most of a typo lookup's cost; a word searched again pays neither, and a
 * small dictionary is read under the word's prefix instead of building them (see {@link NearTerms}). Bounded:
 * at most {@value #MAX_WORDS} words and segments (least recently used dropped first), and an expansion of more than
 * {@value #MAX_TERMS} terms is not kept. Thread-safe.
 */
final class FuzzyExpansions {
    /** Beyond this many words and segments cached, the least recently used is dropped. */
    static final int MAX_WORDS = 8192;
    /** An expansion of more terms than this is computed again at each lookup. */
    static final int MAX_TERMS = 64;

    private final SegmentCache<Key, Expansion> cache = new SegmentCache<>(MAX_WORDS);
    /** The prefixes of each segment under which more terms lie than a scan reads: those go to the automata at once. */
    private final SegmentCache<Range, Boolean> wide = new SegmentCache<>(MAX_WORDS);

    /** The terms of a field under a prefix, for so many edits. */
    private record Range(String field, String prefix, int maxEdits) {
    }

    /** What an expansion depends on besides the segment. */
    record Key(String field, String text, int maxEdits, int prefix) {
    }

    /**
     * The terms of one segment near a word, in term order, each with its similarity {@code 1 - edits / length}.
     * Never modified once built.
     */
    record Expansion(BytesRef[] terms, float[] boosts) {
        int size() {
            return terms.length;
        }

        /** The expansion of {@code terms} (in term order) with their {@code boosts}. */
        static Expansion of(List<BytesRef> terms, List<Float> boosts) {
            float[] bs = new float[boosts.size()];
            for (int i = 0; i < bs.length; i++) {
                bs[i] = boosts.get(i);
            }
            return new Expansion(terms.toArray(BytesRef[]::new), bs);
        }
    }

    /** How the terms near the word are enumerated in a segment when they are not cached. */
    @FunctionalInterface
    interface Source {
        TermsEnum terms(Terms segment) throws IOException;
    }

    /** The terms of the leaf's segment near the word of {@code key}, {@code null} when the segment lacks the field. */
    @Nullable Expansion of(LeafReaderContext leaf, Key key, Source source) throws IOException {
        Expansion e = cache.get(leaf, key);
        if (e != null) {
            return e;
        }
        Terms terms = leaf.reader().terms(key.field());
        if (terms == null) {
            return null;
        }
        if (key.prefix() >= 0 && key.prefix() < key.text().length()
                && NearTerms.worthTrying(terms.size(), key.maxEdits())) {
            Range range = new Range(key.field(), key.text().substring(0,
                    key.text().offsetByCodePoints(0, Math.min(key.prefix(), key.text().codePointCount(0,
                            key.text().length())))), key.maxEdits());
            if (wide.get(leaf, range) == null) {
                e = NearTerms.scan(terms, key.text(), key.maxEdits(), key.prefix());
                if (e == null) {
                    wide.put(leaf, range, Boolean.TRUE);
                }
            }
        }
        if (e == null) {
            TermsEnum fe = source.terms(terms);
            List<BytesRef> found = new ArrayList<>();
            List<Float> boosts = new ArrayList<>();
            for (BytesRef b = fe.next(); b != null; b = fe.next()) {
                found.add(BytesRef.deepCopyOf(b));
                boosts.add(SegmentFuzzy.boost(fe));
            }
            e = Expansion.of(found, boosts);
        }
        if (e.size() <= MAX_TERMS) {
            cache.put(leaf, key, e);
        }
        return e;
    }

    /** The prefixes known to be too wide to scan (for tests). */
    SegmentCache<?, Boolean> wideRanges() {
        return wide;
    }

    /** The cache itself (for tests). */
    SegmentCache<Key, Expansion> cache() {
        return cache;
    }
}

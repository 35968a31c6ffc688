package dev.savoir.kb.lucene.internal.index;

import java.io.IOException;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.util.AttributeSource;

/**
 * The terms near one term, segment after segment, with the Levenshtein automata built once for all segments: Lucene
 * keeps them in the attributes of the enumeration, and shares them between segments when one attribute source is
 * passed to each, as a fuzzy query's rewrite does. Building them is most of a fuzzy lookup's cost (a 12-letter term
 * within two edits takes milliseconds), so an index of many segments would otherwise pay it many times per term.
 The automata depend on the term's text, the edits and the prefix only, so a request looking up one word in several
 * fields (its text, its title, its spelling) passes the same attribute source to each. Not thread-safe.
 */
final class SegmentFuzzy extends FuzzyQuery {
    private final AttributeSource shared;

    /** {@code shared}: the attribute source of the lookups of the same text, edits and prefix. */
    SegmentFuzzy(Term term, int maxEdits, int prefix, AttributeSource shared) {
        super(term, maxEdits, prefix, defaultMaxExpansions, true);
        this.shared = shared;
    }

    /** What a request's lookups share the automata by. */
    record Key(String text, int maxEdits, int prefix) {
    }

    /** The segment's terms within the edits, in term order. */
    TermsEnum terms(Terms segment) throws IOException {
        return getTermsEnum(segment, shared);
    }

    /** The similarity of the term the enumeration is on, {@code 1 - edits / length} (1 for the term itself). */
    static float boost(TermsEnum e) {
        return e instanceof FuzzyTermsEnum fe ? fe.getBoost() : 1f;
    }
}

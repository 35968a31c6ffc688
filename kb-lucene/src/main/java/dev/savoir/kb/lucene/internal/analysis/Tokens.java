package dev.savoir.kb.lucene.internal.analysis;

import dev.savoir.kb.lucene.internal.SearchIndexFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** Runs text through an analyzer, bounded: what queries, suggestions and agent assist are built from. */
public final class Tokens {
    /** The longest term kept; longer ones (a pasted blob) are dropped. */
    private static final int MAX_TERM_CHARS = 100;

    private Tokens() {
    }

    /**
     * One analysed term.
     *
     * @param term the term as indexed
     * @param position its position (stop words leave gaps)
     * @param start offset of its first character in the text
     * @param end offset after its last character
     */
    public record Token(String term, int position, int start, int end) {
    }

    /** The first {@code max} terms of {@code text} as {@code field} would index them. */
    public static List<Token> analyze(Analyzer analyzer, String field, String text, int max) {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken() && out.size() < max) {
                pos += inc.getPositionIncrement();
                if (term.length() > 0 && term.length() <= MAX_TERM_CHARS) {
                    out.add(new Token(term.toString(), pos, off.startOffset(), off.endOffset()));
                }
            }
            ts.end();
        } catch (IOException e) {
            throw SearchIndexFailure.of("analysing text", e);
        }
        return out;
    }
}

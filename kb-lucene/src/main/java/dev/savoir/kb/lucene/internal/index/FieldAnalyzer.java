package dev.savoir.kb.lucene.internal.index;

import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The indexing analyzer: picks the chain from the field name ({@code all.fr} uses French analysis), folded edge
 * n-grams for the autocomplete field, case and accent folding for the rest.
 */
public final class FieldAnalyzer extends DelegatingAnalyzerWrapper {
    private final Analyzers analyzers;
    private final Analyzer autocomplete = new EdgeAnalyzer();

    public FieldAnalyzer(Analyzers analyzers) {
        super(PER_FIELD_REUSE_STRATEGY);
        this.analyzers = analyzers;
    }

    @Override
    protected Analyzer getWrappedAnalyzer(String fieldName) {
        int dot = fieldName.indexOf('.');
        if (dot > 0) {
            return analyzers.forKey(fieldName.substring(dot + 1));
        }
        if (Fields.AC.equals(fieldName)) {
            return autocomplete;
        }
        return analyzers.plain();
    }

    /** Folded edge n-grams of title words, for autocomplete. */
    private static final class EdgeAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = new ASCIIFoldingFilter(new LowerCaseFilter(source));
            return new TokenStreamComponents(source, new EdgeNGramTokenFilter(ts, 1, 20, true));
        }
    }
}

package dev.savoir.kb.lucene.internal.assist;

import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.analysis.Tokens;
import dev.savoir.kb.lucene.internal.analysis.Tokens.Token;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.query.UserQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.jspecify.annotations.Nullable;

/**
 * A corrected spelling of a query that found little: each word of three letters or more replaced by the nearest
 * more frequent word of the spelling field that the viewer can find in a visible article (a correction never
 * reveals a word only hidden articles hold). Thread-safe.
 */
public final class DidYouMean {
    private static final int MAX_WORDS = 16;
    private static final int CANDIDATES = 5;

    private final Analyzers analyzers;

    public DidYouMean(Analyzers analyzers) {
        this.analyzers = analyzers;
    }

    /** The corrected query, or {@code null} when no word changes; {@code filter} is the viewer filter. */
    public @Nullable String suggest(IndexSearcher searcher, UserQuery uq, Query filter) throws IOException {
        List<Token> words = Tokens.analyze(analyzers.plain(), Fields.SPELL, String.join(" ", uq.words()), MAX_WORDS);
        if (words.isEmpty()) {
            return null;
        }
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(2);
        checker.setMinPrefix(1);
        IndexReader reader = searcher.getIndexReader();
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (Token w : words) {
            String word = w.term();
            int df = reader.docFreq(new Term(Fields.SPELL, word));
            String chosen = word;
            if (word.length() >= 3 && word.codePoints().allMatch(Character::isLetter)) {
                SuggestMode mode = df == 0 ? SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX : SuggestMode.SUGGEST_MORE_POPULAR;
                SuggestWord[] candidates = checker.suggestSimilar(new Term(Fields.SPELL, word), CANDIDATES, reader,
                        mode);
                for (SuggestWord c : candidates) {
                    if (visibleCount(searcher, new TermQuery(new Term(Fields.SPELL, c.string)), filter) > 0) {
                        chosen = c.string;
                        break;
                    }
                }
            }
            if (!chosen.equals(word)) {
                changed = true;
            }
            out.add(chosen);
        }
        return changed ? String.join(" ", out) : null;
    }

    private static int visibleCount(IndexSearcher searcher, Query q, Query filter) throws IOException {
        return searcher.count(new BooleanQuery.Builder().add(q, Occur.FILTER).add(filter, Occur.FILTER).build());
    }
}

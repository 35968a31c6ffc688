package dev.savoir.kb.lucene.internal.assist;

import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.analysis.Tokens;
import dev.savoir.kb.lucene.internal.analysis.Tokens.Token;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.index.PartitionSearcher;
import dev.savoir.kb.lucene.internal.query.UserQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.jspecify.annotations.Nullable;

/**
 * A corrected spelling of a query that found little: each word of four letters or more replaced by the nearest word
 * of the spelling field (two edits at most, the first letter kept) that the viewer can find in a visible article.
 *
 * <p>It follows Lucene's {@code DirectSpellChecker} (similarity at least one half, most similar first, then most
 * frequent, at most five candidates; a word the viewer's articles already hold is only replaced by a more frequent
 * one, and a word in more than 1% of them is never replaced), with every frequency read from the viewer's partition
 * ({@link PartitionSearcher}): a correction never reveals a word only hidden articles hold, and a word hidden
 * articles hold never stops a correction. A candidate that is the same word to the analysis of a language the viewer
 * searches ({@code factures} and {@code facture} in French) is no correction: it finds the same articles.
 * Thread-safe.
 */
public final class DidYouMean {
    private static final int MAX_WORDS = 16;
    private static final int MIN_WORD_CHARS = 4;
    private static final int MAX_EDITS = 2;
    private static final int PREFIX = 1;
    private static final int CANDIDATES = 5;
    private static final float MIN_SIMILARITY = 0.5f;
    private static final double MAX_WORD_SHARE = 0.01;

    private final Analyzers analyzers;

    public DidYouMean(Analyzers analyzers) {
        this.analyzers = analyzers;
    }

    /**
     * The corrected query, or {@code null} when no word changes; {@code filter} is the viewer filter, {@code keys}
     * the analysis keys of the languages the viewer searches.
     */
    public @Nullable String suggest(PartitionSearcher searcher, UserQuery uq, Query filter, List<String> keys)
            throws IOException {
        List<Token> words = Tokens.analyze(analyzers.plain(), Fields.SPELL, String.join(" ", uq.words()), MAX_WORDS);
        if (words.isEmpty()) {
            return null;
        }
        long maxWordDf = (long) Math.ceil(MAX_WORD_SHARE * searcher.size());
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (Token w : words) {
            String word = w.term();
            String chosen = word;
            if (word.length() >= MIN_WORD_CHARS && word.codePoints().allMatch(Character::isLetter)) {
                long df = searcher.docFreq(new Term(Fields.SPELL, word));
                if (df <= maxWordDf) {
                    chosen = correct(searcher, word, df, filter, keys);
                }
            }
            if (!chosen.equals(word)) {
                changed = true;
            }
            out.add(chosen);
        }
        return changed ? String.join(" ", out) : null;
    }

    /** The best candidate for {@code word} (held by {@code df} documents of the partition), or {@code word}. */
    private String correct(PartitionSearcher searcher, String word, long df, Query filter, List<String> keys)
            throws IOException {
        // More frequent than the word itself: the word is not a candidate, and a held word needs a more common one.
        List<PartitionSearcher.Similar> candidates = new ArrayList<>(searcher.similar(new Term(Fields.SPELL, word),
                MAX_EDITS, PREFIX, MIN_SIMILARITY, df + 1, CANDIDATES));
        candidates.sort(Comparator.comparing(PartitionSearcher.Similar::boost, Comparator.reverseOrder())
                .thenComparing(PartitionSearcher.Similar::docFreq, Comparator.reverseOrder())
                .thenComparing(PartitionSearcher.Similar::term));
        for (PartitionSearcher.Similar c : candidates.subList(0, Math.min(CANDIDATES, candidates.size()))) {
            if (!sameWord(word, c.term(), keys)
                    && visibleCount(searcher, new TermQuery(new Term(Fields.SPELL, c.term())), filter) > 0) {
                return c.term();
            }
        }
        return word;
    }

    /** Whether two words analyse to the same terms in one of the languages. */
    private boolean sameWord(String a, String b, List<String> keys) {
        for (String key : keys) {
            String field = Fields.text(Fields.ALL, key);
            List<String> ta = Tokens.analyze(analyzers.forKey(key), field, a, 4).stream().map(Token::term).toList();
            if (!ta.isEmpty() && ta.equals(Tokens.analyze(analyzers.forKey(key), field, b, 4).stream()
                    .map(Token::term).toList())) {
                return true;
            }
        }
        return false;
    }

    private static int visibleCount(PartitionSearcher searcher, Query q, Query filter) throws IOException {
        return searcher.count(new BooleanQuery.Builder().add(q, Occur.FILTER).add(filter, Occur.FILTER).build());
    }
}

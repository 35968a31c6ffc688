package dev.savoir.kb.lucene.internal.query;

import dev.savoir.kb.lucene.internal.EngineOptions;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.analysis.Tokens;
import dev.savoir.kb.lucene.internal.analysis.Tokens.Token;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.index.PartitionSearcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a user typed into the {@link TextQuery} of each language the viewer may get hits in: every term on the
 * all-text field plus weighted title, tags and summary clauses, typo tolerance for rare words, exact-bigram
 * proximity, required quoted phrases, exclusions, host synonyms and learned synonyms. Thread-safe.
 */
public final class TextQueryBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(TextQueryBuilder.class);
    private static final int MAX_ANALYZED_TERMS = 32;
    private static final int MAX_SYNONYM_WORDS = 16;
    private static final int MAX_SYNONYMS_PER_WORD = 10;
    private static final int MAX_TYPO_EXPANSIONS = 20;

    private final EngineOptions options;
    private final Analyzers analyzers;
    private final LearnedVocabulary vocabulary;

    public TextQueryBuilder(EngineOptions options, Analyzers analyzers, LearnedVocabulary vocabulary) {
        this.options = options;
        this.analyzers = analyzers;
        this.vocabulary = vocabulary;
    }

    /** The learned vocabulary: its corrections apply before {@link #build}, its synonyms inside. */
    public LearnedVocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * The text query of {@code uq} in the languages of {@code keys}; {@code typos} allows typo clauses for rare
     * words. Rarity and typo candidates are read from the viewer's partition only ({@code searcher}).
     */
    public TextQuery build(PartitionSearcher searcher, UserQuery uq, List<String> keys, Locale viewerLocale,
                           boolean typos) throws IOException {
        TextQuery tq = new TextQuery();
        String positive = uq.positiveText();
        for (String key : keys) {
            Analyzer a = analyzers.forKey(key);
            String all = Fields.text(Fields.ALL, key);
            String title = Fields.text(Fields.TITLE, key);
            BooleanQuery.Builder coverage = new BooleanQuery.Builder();
            int covered = 0;
            for (Token t : Tokens.analyze(a, all, positive, MAX_ANALYZED_TERMS)) {
                if (!tq.terms().add(key, t.term())) {
                    continue;
                }
                Query inTitle = searcher.termQuery(new Term(title, t.term()));
                tq.hasPositive = true;
                tq.add("text", searcher.termQuery(new Term(all, t.term())), 1f);
                tq.matching.add(searcher.termQuery(new Term(all, t.term())), Occur.SHOULD);
                if (options.titleWeight() > 0) {
                    tq.add("title", searcher.termQuery(new Term(title, t.term())), options.titleWeight());
                }
                if (options.tagsWeight() > 0) {
                    tq.add("tags", searcher.termQuery(new Term(Fields.text(Fields.TAGS, key), t.term())),
                            options.tagsWeight());
                }
                if (options.summaryWeight() > 0) {
                    tq.add("summary", searcher.termQuery(new Term(Fields.text(Fields.SUMMARY, key), t.term())),
                            options.summaryWeight());
                }
                if (typos && options.typoTolerance() && t.term().length() >= 4
                        && t.term().codePoints().allMatch(Character::isLetter)
                        && searcher.docFreq(new Term(all, t.term())) <= options.rareDocFreq()) {
                    List<String> near = new ArrayList<>();
                    Query typo = typo(searcher, new Term(all, t.term()), near);
                    if (typo != null) {
                        tq.add("typo", typo, options.typoWeight());
                        tq.matching.add(typo, Occur.SHOULD);
                        tq.terms().addFuzzy(key, t.term(), near);
                    }
                    Query titleTypo = typo(searcher, new Term(title, t.term()), null);
                    if (titleTypo != null) {
                        inTitle = new BooleanQuery.Builder().add(inTitle, Occur.SHOULD).add(titleTypo, Occur.SHOULD)
                                .build();
                    }
                }
                coverage.add(inTitle, Occur.MUST);
                covered++;
            }
            if (covered >= 2 && options.titleWeight() > 0) {
                tq.add("title-coverage", coverage.build(), options.titleWeight());
            }
            // Exact-bigram proximity: adjacent query words found next to each other.
            if (options.phraseWeight() > 0) {
                List<Token> wordTokens = Tokens.analyze(a, all, String.join(" ", uq.words()), MAX_ANALYZED_TERMS);
                for (int i = 0; i + 1 < wordTokens.size(); i++) {
                    Token x = wordTokens.get(i);
                    Token y = wordTokens.get(i + 1);
                    if (y.position() - x.position() <= 2 && !x.term().equals(y.term())) {
                        PhraseQuery pq = new PhraseQuery.Builder().add(new Term(all, x.term()), 0)
                                .add(new Term(all, y.term()), y.position() - x.position()).build();
                        tq.add("phrase", pq, options.phraseWeight());
                    }
                }
            }
            for (String p : uq.phrases()) {
                Query q = phrase(all, Tokens.analyze(a, all, p, MAX_ANALYZED_TERMS));
                if (q != null) {
                    tq.requiredPhrases.add(q, Occur.SHOULD);
                    tq.hasRequired = true;
                }
            }
            for (String x : uq.excluded()) {
                Query q = phrase(all, Tokens.analyze(a, all, x, MAX_ANALYZED_TERMS));
                if (q != null) {
                    tq.excluded.add(q, Occur.SHOULD);
                    tq.hasExcluded = true;
                }
            }
            if (options.synonymWeight() > 0) {
                addSynonyms(tq, uq, a, all, viewerLocale);
            }
        }
        return tq;
    }

    /**
     * The words of the viewer's partition a small edit away from a rare word (as Lucene's fuzzy query: two edits from
     * eight letters, the first letter kept, at most {@value #MAX_TYPO_EXPANSIONS} words, most similar first), each
     * boosted by its similarity and scored with the highest document frequency among them (Lucene's blended
     * frequencies: a rare misspelling found in one document does not outrank the common word). {@code null} when
     * the partition holds none. The words are added to {@code near} when it is given.
     */
    private static @Nullable Query typo(PartitionSearcher searcher, Term word, @Nullable List<String> near)
            throws IOException {
        int edits = word.text().length() >= 8 ? 2 : 1;
        List<PartitionSearcher.Similar> similar = searcher.similar(word, edits, 1, 0f, 1, MAX_TYPO_EXPANSIONS);
        if (similar.isEmpty()) {
            return null;
        }
        similar = similar.subList(0, Math.min(MAX_TYPO_EXPANSIONS, similar.size()));
        long maxDf = similar.stream().mapToLong(PartitionSearcher.Similar::docFreq).max().orElseThrow();
        CollectionStatistics field = searcher.collectionStatistics(word.field());
        long docCount = field == null ? maxDf : Math.max(maxDf, field.docCount());
        float blended = idf(maxDf, docCount);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (PartitionSearcher.Similar s : similar) {
            // BM25's weight is linear in idf: scaling the boost scores the term as if it had the blended frequency
            float boost = s.boost() * blended / idf(s.docFreq(), docCount);
            b.add(new BoostQuery(searcher.termQuery(new Term(word.field(), s.term())), boost), Occur.SHOULD);
            if (near != null) {
                near.add(s.term());
            }
        }
        return b.build();
    }

    /** BM25's inverse document frequency, as {@link org.apache.lucene.search.similarities.BM25Similarity}. */
    private static float idf(long docFreq, long docCount) {
        return (float) Math.log(1 + (docCount - docFreq + 0.5D) / (docFreq + 0.5D));
    }

    private void addSynonyms(TextQuery tq, UserQuery uq, Analyzer a, String all, Locale viewerLocale) {
        for (Token w : Tokens.analyze(analyzers.plain(), Fields.SPELL, String.join(" ", uq.words()),
                MAX_SYNONYM_WORDS)) {
            List<String> syns;
            try {
                syns = options.synonyms().synonyms(viewerLocale, w.term());
            } catch (RuntimeException e) {
                LOG.warn("The synonym provider failed; searching without synonyms", e);
                syns = List.of();
            }
            for (String s : syns.stream().limit(MAX_SYNONYMS_PER_WORD).toList()) {
                addSynonym(tq, a, all, s);
            }
        }
        for (String s : vocabulary.synonyms(uq.words(), viewerLocale, MAX_SYNONYMS_PER_WORD)) {
            addSynonym(tq, a, all, s);
        }
    }

    private void addSynonym(TextQuery tq, Analyzer a, String all, String synonym) {
        Query q = phrase(all, Tokens.analyze(a, all, synonym, 8));
        if (q != null) {
            tq.add("synonym", q, options.synonymWeight());
            tq.matching.add(q, Occur.SHOULD);
            tq.hasPositive = true;
        }
    }

    private static @Nullable Query phrase(String field, List<Token> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        if (tokens.size() == 1) {
            return new TermQuery(new Term(field, tokens.getFirst().term()));
        }
        PhraseQuery.Builder b = new PhraseQuery.Builder();
        int first = tokens.getFirst().position();
        for (Token t : tokens) {
            b.add(new Term(field, t.term()), t.position() - first);
        }
        return b.build();
    }
}

package dev.savoir.kb.lucene.internal.query;

import dev.savoir.kb.lucene.internal.EngineOptions;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.analysis.Tokens;
import dev.savoir.kb.lucene.internal.analysis.Tokens.Token;
import dev.savoir.kb.lucene.internal.index.DocFreqs;
import dev.savoir.kb.lucene.internal.index.Fields;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a user typed into the {@link TextQuery} of each language the viewer may get hits in: every term on the
 * all-text field plus weighted title, tags and summary clauses, typo tolerance for rare words, exact-bigram
 * proximity, required quoted phrases, exclusions and host synonyms, and a title-coverage clause. Thread-safe.
 *
 * <p>The title-coverage clause scores a document whose title holds every query word (a rare word also through its
 * typo expansion) once more, with the title weight: "reset pasword" then ranks "Reset your password" above an article
 * that says "reset" all over its body but has only that word in its title. A single word gets no such clause (the
 * title clause already covers it).
 */
public final class TextQueryBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(TextQueryBuilder.class);
    private static final int MAX_ANALYZED_TERMS = 32;
    private static final int MAX_SYNONYM_WORDS = 16;
    private static final int MAX_SYNONYMS_PER_WORD = 10;

    private final EngineOptions options;
    private final Analyzers analyzers;
    private final DocFreqs docFreqs;

    public TextQueryBuilder(EngineOptions options, Analyzers analyzers, DocFreqs docFreqs) {
        this.options = options;
        this.analyzers = analyzers;
        this.docFreqs = docFreqs;
    }

    /**
     * The text query of {@code uq} in the languages of {@code keys}; {@code typos} allows fuzzy clauses for rare
     * words (their rarity read from {@code reader}).
     */
    public TextQuery build(IndexReader reader, UserQuery uq, List<String> keys, Locale viewerLocale, boolean typos) {
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
                Query inTitle = new TermQuery(new Term(title, t.term()));
                tq.hasPositive = true;
                tq.add("text", new TermQuery(new Term(all, t.term())), 1f);
                tq.matching.add(new TermQuery(new Term(all, t.term())), Occur.SHOULD);
                if (options.titleWeight() > 0) {
                    tq.add("title", new TermQuery(new Term(title, t.term())), options.titleWeight());
                }
                if (options.tagsWeight() > 0) {
                    tq.add("tags", new TermQuery(new Term(Fields.text(Fields.TAGS, key), t.term())),
                            options.tagsWeight());
                }
                if (options.summaryWeight() > 0) {
                    tq.add("summary", new TermQuery(new Term(Fields.text(Fields.SUMMARY, key), t.term())),
                            options.summaryWeight());
                }
                if (typos && options.typoTolerance() && t.term().length() >= 4
                        && t.term().codePoints().allMatch(Character::isLetter)
                        && docFreqs.of(reader, new Term(all, t.term())) <= options.rareDocFreq()) {
                    int edits = t.term().length() >= 8 ? 2 : 1;
                    FuzzyQuery typo = new FuzzyQuery(new Term(all, t.term()), edits, 1, 20, true);
                    tq.add("typo", typo, options.typoWeight());
                    tq.matching.add(typo, Occur.SHOULD);
                    tq.terms().addFuzzy(key, t.term());
                    inTitle = new BooleanQuery.Builder().add(inTitle, Occur.SHOULD)
                            .add(new FuzzyQuery(new Term(title, t.term()), edits, 1, 20, true), Occur.SHOULD)
                            .build();
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
                Query q = phrase(all, Tokens.analyze(a, all, s, 8));
                if (q != null) {
                    tq.add("synonym", q, options.synonymWeight());
                    tq.matching.add(q, Occur.SHOULD);
                    tq.hasPositive = true;
                }
            }
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

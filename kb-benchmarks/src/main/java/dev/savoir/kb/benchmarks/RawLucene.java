package dev.savoir.kb.benchmarks;

import dev.savoir.kb.benchmarks.RawLuceneParts.Chain;
import dev.savoir.kb.benchmarks.RawLuceneParts.Folding;
import dev.savoir.kb.benchmarks.RawLuceneParts.TopBySignals;
import dev.savoir.kb.benchmarks.RawLuceneParts.FacetManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * The raw-Lucene twin of Savoir's search: the same query plan as kb-lucene's engine (same analysis chains, the same
 * weighted term, title, tags, summary, typo and bigram clauses, the same visibility and locale-fallback filter, the
 * same ranking-signal multiplier from doc values, exact hit counts, doc-values facet counts in the same pass, and
 * snippets with highlight ranges from re-analysing the stored body), written by hand against a plain
 * {@link DirectoryReader} over the index folder Savoir wrote. What it leaves out is exactly the SDK's own work:
 * request validation, query parsing into the engine's records, promotion rules, analytics, the popular-query log and
 * building the API's response records.
 *
 * <p>It reads the index as last committed: open it after the knowledge base was closed (or committed).
 * Thread-safe for searches.
 *
 * @since 0.1
 */
public final class RawLucene implements AutoCloseable {
    static final CharArraySet FRENCH_ELISIONS = new CharArraySet(Arrays.asList(
            "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true);
    private static final float TITLE = 0.35f;
    private static final float TAGS = 0.25f;
    private static final float SUMMARY = 0.15f;
    private static final float PHRASE = 0.1f;
    private static final float TYPO = 0.4f;
    private static final int RARE = 2;
    private static final int WINDOW = 200;
    private static final float REFERENCE_TITLE = 2f;
    private static final Set<String> TITLE_AND_ID = Set.of("id", "stitle");

    private final FSDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer english = new Chain(true);
    private final Analyzer french = new Chain(false);
    private final Analyzer plain = new Folding();
    private final long now = System.currentTimeMillis();

    /** Opens the index of the knowledge base in {@code kbFolder} ({@code kbFolder/index}). */
    public RawLucene(Path kbFolder) {
        try {
            this.directory = FSDirectory.open(kbFolder.resolve("index"));
            this.reader = DirectoryReader.open(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity(1.2f, 0.75f));
    }

    /** The reader's document count (published and draft documents of every translation). */
    public int maxDoc() {
        return reader.maxDoc();
    }

    /** One hit: id, title, snippet and its highlight ranges (start, end pairs). */
    public record Hit(String id, String title, String snippet, int[] highlights, float score) {
    }

    /** A page of hits, the exact total, facet counts by facet, and a spelling suggestion. */
    public record Result(long total, List<Hit> hits, Map<String, Map<String, Long>> facets,
                         @Nullable String didYouMean) {
    }

    /**
     * Searches like {@code KnowledgeBase.search} does for an external viewer of {@code locale} in {@code segments}
     * (or an internal viewer when {@code internal}), with the knowledge base's default locale English.
     *
     * @param facets the facets to count, among {@code cat}, {@code tag}, {@code type}, {@code loc}
     */
    public Result search(String query, Locale locale, boolean internal, Set<String> segments, int offset, int limit,
                         Set<String> facets) {
        return search(query, locale, internal, segments, offset, limit, facets, true);
    }

    /**
     * Searches like {@link #search(String, Locale, boolean, Set, int, int, Set)}; without {@code snippets} the hits
     * carry an empty snippet and no highlight, and the body is not read, as the SDK does with
     * {@code SearchRequest.Builder.snippets(false)}.
     */
    public Result search(String query, Locale locale, boolean internal, Set<String> segments, int offset, int limit,
                         Set<String> facets, boolean snippets) {
        try {
            return doSearch(query, locale, internal, segments, offset, limit, facets, snippets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The reference: the simplest correct plan for the same request, to see what the twin's (and the SDK's) ranking
     * work costs. One flat BM25 {@link BooleanQuery} per analysed term of the query over the fields Savoir indexes
     * ({@code all.<lang>}, which holds title, summary, tags and body, plus {@code title.<lang>} boosted
     * 2, {@code tags.<lang>} and {@code summary.<lang>}), quoted phrases required, the same
     * visibility and locale-fallback filter as the twin, Lucene's own top-k by score (exact totals up to 1,000
     * matches); with facets, one scoring pass that also counts hits and doc-values ordinals. No ranking signals, no
     * typo or bigram clauses, no snippets (hits carry an empty one), no spelling suggestion. It matches what the twin
     * matches apart from typo expansions, in BM25 order.
     *
     * @param facets the facets to count, among {@code cat}, {@code tag}, {@code type}, {@code loc}
     */
    public Result reference(String query, Locale locale, boolean internal, Set<String> segments, int offset,
                            int limit, Set<String> facets) {
        try {
            return doReference(query, locale, internal, segments, offset, limit, facets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result doReference(String query, Locale locale, boolean internal, Set<String> segments, int offset,
                               int limit, Set<String> facets) throws IOException {
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        split(query, words, phrases);
        String positive = String.join(" ", words) + (phrases.isEmpty() ? "" : " " + String.join(" ", phrases));
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        BooleanQuery.Builder required = new BooleanQuery.Builder();
        boolean hasText = false;
        boolean hasRequired = false;
        for (String k : new LinkedHashSet<>(List.of(key(locale), "en"))) {
            Analyzer a = analyzer(k);
            String all = "all." + k;
            Set<String> seen = new HashSet<>();
            for (Tok t : analyze(a, all, positive)) {
                if (seen.add(t.term)) {
                    text.add(new TermQuery(new Term(all, t.term)), Occur.SHOULD);
                    text.add(new BoostQuery(new TermQuery(new Term("title." + k, t.term)), REFERENCE_TITLE),
                            Occur.SHOULD);
                    text.add(new TermQuery(new Term("tags." + k, t.term)), Occur.SHOULD);
                    text.add(new TermQuery(new Term("summary." + k, t.term)), Occur.SHOULD);
                    hasText = true;
                }
            }
            for (String p : phrases) {
                List<Tok> pt = analyze(a, all, p);
                if (!pt.isEmpty()) {
                    PhraseQuery.Builder pb = new PhraseQuery.Builder();
                    for (Tok t : pt) {
                        pb.add(new Term(all, t.term), t.pos - pt.getFirst().pos);
                    }
                    required.add(pb.build(), Occur.SHOULD);
                    hasRequired = true;
                }
            }
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        if (hasText) {
            q.add(text.build(), Occur.MUST);
        }
        if (hasRequired) {
            q.add(required.build(), Occur.MUST);
        }
        q.add(viewerFilter(locale, internal, segments), Occur.FILTER);
        TopDocs td;
        long total;
        Map<String, Map<String, Long>> facetCounts = Map.of();
        if (facets.isEmpty()) {
            td = searcher.search(q.build(), offset + limit);
            total = td.totalHits.value();
        } else {
            FacetManager fm = new FacetManager(facets);
            Object[] both = searcher.search(q.build(), new MultiCollectorManager(
                    new TopScoreDocCollectorManager(offset + limit, Integer.MAX_VALUE), fm));
            td = (TopDocs) both[0];
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Long>> counted = (Map<String, Map<String, Long>>) both[1];
            facetCounts = counted;
            total = fm.hits;
        }
        StoredFields stored = searcher.storedFields();
        List<Hit> hits = new ArrayList<>(limit);
        for (int h = offset; h < td.scoreDocs.length; h++) {
            Document d = stored.document(td.scoreDocs[h].doc, TITLE_AND_ID);
            hits.add(new Hit(d.get("id"), d.get("stitle"), "", new int[0], td.scoreDocs[h].score));
        }
        return new Result(total, hits, facetCounts, null);
    }

    /** What the user typed: words and "quoted phrases". */
    private static void split(String query, List<String> words, List<String> phrases) {
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = query.indexOf('"', i + 1);
                end = end < 0 ? query.length() : end;
                phrases.add(query.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < query.length() && !Character.isWhitespace(query.charAt(end))
                        && query.charAt(end) != '"') {
                    end++;
                }
                words.add(query.substring(i, end));
                i = end;
            }
        }
    }

    private Analyzer analyzer(String key) {
        return key.equals("fr") ? french : english;
    }

    private static String key(Locale l) {
        return l.getLanguage().equals("fr") ? "fr" : "en";
    }

    private Result doSearch(String query, Locale locale, boolean internal, Set<String> segments, int offset,
                            int limit, Set<String> facets, boolean snippets) throws IOException {
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        split(query, words, phrases);
        String positive = String.join(" ", words) + (phrases.isEmpty() ? "" : " " + String.join(" ", phrases));
        Set<String> keys = new LinkedHashSet<>(List.of(key(locale), "en"));
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        BooleanQuery.Builder textG = new BooleanQuery.Builder();
        BooleanQuery.Builder titleG = new BooleanQuery.Builder();
        BooleanQuery.Builder tagsG = new BooleanQuery.Builder();
        BooleanQuery.Builder summaryG = new BooleanQuery.Builder();
        BooleanQuery.Builder typoG = new BooleanQuery.Builder();
        BooleanQuery.Builder phraseG = new BooleanQuery.Builder();
        BooleanQuery.Builder required = new BooleanQuery.Builder();
        BooleanQuery.Builder matchG = new BooleanQuery.Builder();
        boolean hasTypo = false;
        boolean hasPhrase = false;
        boolean hasRequired = false;
        Map<String, Set<String>> termsByKey = new HashMap<>();
        Map<String, Set<String>> fuzzyByKey = new HashMap<>();
        for (String k : keys) {
            Analyzer a = analyzer(k);
            String all = "all." + k;
            Set<String> terms = termsByKey.computeIfAbsent(k, x -> new LinkedHashSet<>());
            Set<String> fuzzy = fuzzyByKey.computeIfAbsent(k, x -> new LinkedHashSet<>());
            for (Tok t : analyze(a, all, positive)) {
                if (!terms.add(t.term)) {
                    continue;
                }
                textG.add(new TermQuery(new Term(all, t.term)), Occur.SHOULD);
                matchG.add(new TermQuery(new Term(all, t.term)), Occur.SHOULD);
                titleG.add(new BoostQuery(new TermQuery(new Term("title." + k, t.term)), TITLE), Occur.SHOULD);
                tagsG.add(new BoostQuery(new TermQuery(new Term("tags." + k, t.term)), TAGS), Occur.SHOULD);
                summaryG.add(new BoostQuery(new TermQuery(new Term("summary." + k, t.term)), SUMMARY), Occur.SHOULD);
                if (t.term.length() >= 4 && t.term.codePoints().allMatch(Character::isLetter)
                        && reader.docFreq(new Term(all, t.term)) <= RARE) {
                    FuzzyQuery fq = new FuzzyQuery(new Term(all, t.term), t.term.length() >= 8 ? 2 : 1, 1, 20, true);
                    typoG.add(new BoostQuery(fq, TYPO), Occur.SHOULD);
                    matchG.add(fq, Occur.SHOULD);
                    fuzzy.add(t.term);
                    hasTypo = true;
                }
            }
            List<Tok> wt = analyze(a, all, String.join(" ", words));
            for (int j = 0; j + 1 < wt.size(); j++) {
                Tok x = wt.get(j);
                Tok y = wt.get(j + 1);
                if (y.pos - x.pos <= 2 && !x.term.equals(y.term)) {
                    phraseG.add(new BoostQuery(new PhraseQuery.Builder().add(new Term(all, x.term), 0)
                            .add(new Term(all, y.term), y.pos - x.pos).build(), PHRASE), Occur.SHOULD);
                    hasPhrase = true;
                }
            }
            for (String p : phrases) {
                List<Tok> pt = analyze(a, all, p);
                if (pt.size() == 1) {
                    required.add(new TermQuery(new Term(all, pt.getFirst().term)), Occur.SHOULD);
                    hasRequired = true;
                } else if (pt.size() > 1) {
                    PhraseQuery.Builder pb = new PhraseQuery.Builder();
                    for (Tok t : pt) {
                        pb.add(new Term(all, t.term), t.pos - pt.getFirst().pos);
                    }
                    required.add(pb.build(), Occur.SHOULD);
                    hasRequired = true;
                }
            }
        }
        boolean hasText = termsByKey.values().stream().anyMatch(s -> !s.isEmpty());
        text.add(textG.build(), Occur.SHOULD).add(titleG.build(), Occur.SHOULD).add(tagsG.build(), Occur.SHOULD)
                .add(summaryG.build(), Occur.SHOULD);
        if (hasTypo) {
            text.add(typoG.build(), Occur.SHOULD);
        }
        if (hasPhrase) {
            text.add(phraseG.build(), Occur.SHOULD);
        }
        Query filter = viewerFilter(locale, internal, segments);
        BooleanQuery.Builder main = new BooleanQuery.Builder();
        BooleanQuery.Builder matchOnly = new BooleanQuery.Builder();
        if (hasText) {
            main.add(text.build(), Occur.MUST);
            // "all" holds title, summary, tags and body: its terms alone decide what matches.
            matchOnly.add(matchG.build(), Occur.FILTER);
        }
        if (hasRequired) {
            Query req = required.build();
            main.add(req, Occur.MUST);
            matchOnly.add(req, Occur.FILTER);
        }
        main.add(filter, Occur.FILTER);
        matchOnly.add(filter, Occur.FILTER);

        // Rank by text score x signals, skipping what cannot reach the page; count and facet in an unscored pass.
        TopBySignals top = new TopBySignals(offset + limit, facets.isEmpty() ? 1_000 : 0, now);
        TopDocs td = searcher.search(main.build(), top);
        Map<String, Map<String, Long>> facetCounts = Map.of();
        long total = td.totalHits.value();
        if (!facets.isEmpty()) {
            FacetManager fm = new FacetManager(facets);
            facetCounts = searcher.search(new ConstantScoreQuery(matchOnly.build()), fm);
            total = fm.hits;
        }
        StoredFields stored = searcher.storedFields();
        List<Hit> hits = new ArrayList<>(limit);
        for (int h = offset; h < td.scoreDocs.length; h++) {
            ScoreDoc sd = td.scoreDocs[h];
            if (!snippets) {
                Document d = stored.document(sd.doc, TITLE_AND_ID);
                hits.add(new Hit(d.get("id"), d.get("stitle"), "", new int[0], sd.score));
                continue;
            }
            Document d = stored.document(sd.doc);
            String k = key(Locale.forLanguageTag(d.get("loc")));
            Analyzer a = analyzer(k);
            Set<String> terms = termsByKey.getOrDefault(k, Set.of());
            Set<String> fuzzy = fuzzyByKey.getOrDefault(k, Set.of());
            String body = d.get("sbody");
            Snip s = snippet(a, "all." + k, body == null ? "" : body, terms, fuzzy);
            String summary = d.get("ssummary");
            if (s.highlights.length == 0 && summary != null && !summary.isEmpty()) {
                Snip s2 = snippet(a, "all." + k, summary, terms, fuzzy);
                if (s2.highlights.length > 0) {
                    s = s2;
                }
            }
            hits.add(new Hit(d.get("id"), d.get("stitle"), s.text, s.highlights, sd.score));
        }
        String dym = total < 3 && !words.isEmpty() ? didYouMean(words, filter) : null;
        return new Result(total, hits, facetCounts, dym);
    }

    /** Published documents the viewer may see, one per article: the nearest translation of the fallback chain. */
    private static Query viewerFilter(Locale locale, boolean internal, Set<String> segments) {
        BooleanQuery.Builder f = new BooleanQuery.Builder();
        f.add(new TermQuery(new Term("kind", "pub")), Occur.FILTER);
        if (!internal) {
            BooleanQuery.Builder vis = new BooleanQuery.Builder();
            vis.add(new TermQuery(new Term("vis", "public")), Occur.SHOULD);
            if (!segments.isEmpty()) {
                vis.add(new TermInSetQuery("seg", segments.stream().map(BytesRef::new).toList()), Occur.SHOULD);
            }
            f.add(vis.build(), Occur.FILTER);
        }
        // Fallback steps: the locale's chain, its language, then English (the default locale).
        List<String[]> steps = new ArrayList<>();
        for (Locale l : dev.savoir.kb.Locales.fallbackChain(locale)) {
            steps.add(new String[] {"loc", l.toLanguageTag()});
        }
        addStep(steps, new String[] {"langrep", locale.getLanguage()});
        addStep(steps, new String[] {"loc", "en"});
        addStep(steps, new String[] {"langrep", "en"});
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (int i = 0; i < steps.size(); i++) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            b.add(new TermQuery(new Term(steps.get(i)[0], steps.get(i)[1])), Occur.FILTER);
            for (int j = 0; j < i; j++) {
                String field = steps.get(j)[0].equals("loc") ? "aloc" : "alang";
                b.add(new TermQuery(new Term(field, steps.get(j)[1])), Occur.MUST_NOT);
            }
            any.add(b.build(), Occur.SHOULD);
        }
        f.add(any.build(), Occur.FILTER);
        return f.build();
    }

    private static void addStep(List<String[]> steps, String[] step) {
        for (String[] s : steps) {
            if (s[0].equals(step[0]) && s[1].equals(step[1])) {
                return;
            }
        }
        steps.add(step);
    }

    private @Nullable String didYouMean(List<String> words, Query filter) throws IOException {
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(2);
        checker.setMinPrefix(1);
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (Tok w : analyze(plain, "spell", String.join(" ", words))) {
            String chosen = w.term;
            if (w.term.length() >= 3 && w.term.codePoints().allMatch(Character::isLetter)) {
                int df = reader.docFreq(new Term("spell", w.term));
                for (SuggestWord c : checker.suggestSimilar(new Term("spell", w.term), 5, reader,
                        df == 0 ? SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX : SuggestMode.SUGGEST_MORE_POPULAR)) {
                    if (searcher.count(new BooleanQuery.Builder().add(new TermQuery(new Term("spell", c.string)),
                            Occur.FILTER).add(filter, Occur.FILTER).build()) > 0) {
                        chosen = c.string;
                        break;
                    }
                }
            }
            changed |= !chosen.equals(w.term);
            out.add(chosen);
        }
        return changed ? String.join(" ", out) : null;
    }

    // ------------------------------------------------------------------ analysis and snippets

    private record Tok(String term, int pos) {
    }

    private static List<Tok> analyze(Analyzer a, String field, String text) {
        List<Tok> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken() && out.size() < 32) {
                pos += inc.getPositionIncrement();
                out.add(new Tok(term.toString(), pos));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private record Snip(String text, int[] highlights) {
    }

    /**
     * The 200-character window holding the most distinct matched words, with highlight ranges; like the engine, one
     * match per place, at most 16, and none beyond the first one's window once every query word was seen (the engine
     * reads the matches from the offsets in the postings; this twin analyses the first 10,000 characters again).
     */
    private static Snip snippet(Analyzer a, String field, String text, Set<String> terms, Set<String> fuzzy) {
        String t = text.length() > 10_000 ? text.substring(0, 10_000) : text;
        int[] starts = new int[16];
        int[] ends = new int[16];
        int[] ids = new int[16];
        int n = 0;
        if (!terms.isEmpty() || !fuzzy.isEmpty()) {
            try (TokenStream ts = a.tokenStream(field, t)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    String s = term.toString();
                    boolean hit = terms.contains(s);
                    for (String f : fuzzy) {
                        if (hit) {
                            break;
                        }
                        hit = withinEdits(f, s, f.length() >= 8 ? 2 : 1);
                    }
                    if (hit && n > 0 && off.startOffset() > starts[0] + WINDOW
                            && distinct(ids, n) >= terms.size() + fuzzy.size()) {
                        break;
                    }
                    if (hit && n > 0 && starts[n - 1] == off.startOffset()) {
                        continue;
                    }
                    if (hit) {
                        if (n == starts.length) {
                            starts = Arrays.copyOf(starts, n * 2);
                            ends = Arrays.copyOf(ends, n * 2);
                            ids = Arrays.copyOf(ids, n * 2);
                        }
                        starts[n] = off.startOffset();
                        ends[n] = off.endOffset();
                        ids[n++] = s.hashCode();
                        if (n >= 16) {
                            break;
                        }
                    }
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (n == 0) {
            String lead = text.length() <= WINDOW ? text : text.substring(0, Math.max(WINDOW / 2,
                    text.lastIndexOf(' ', WINDOW))) + "…";
            return new Snip(lead.replace('\n', ' ').replace('\r', ' '), new int[0]);
        }
        int best = 0;
        int bestScore = -1;
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < n; i++) {
            distinct.clear();
            int total = 0;
            for (int j = i; j < n && ends[j] <= starts[i] + WINDOW - 40; j++) {
                distinct.add(ids[j]);
                total++;
            }
            int score = distinct.size() * 100 + total;
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        int anchor = starts[best];
        int start = Math.max(0, anchor - 40);
        if (start > 0) {
            int sp = text.indexOf(' ', start);
            start = sp >= 0 && sp < anchor ? sp + 1 : start;
        }
        int end = Math.min(text.length(), start + WINDOW);
        if (end < text.length()) {
            int sp = text.lastIndexOf(' ', end);
            end = sp > anchor ? sp : end;
        }
        String prefix = start > 0 ? "…" : "";
        String body = text.substring(start, end).replace('\n', ' ').replace('\r', ' ');
        int[] hl = new int[n * 2];
        int h = 0;
        for (int i = 0; i < n; i++) {
            if (starts[i] >= start && ends[i] <= end) {
                hl[h++] = starts[i] - start + prefix.length();
                hl[h++] = ends[i] - start + prefix.length();
            }
        }
        return new Snip(prefix + body + (end < text.length() ? "…" : ""), Arrays.copyOf(hl, h));
    }

    private static int distinct(int[] ids, int n) {
        int d = 0;
        outer:
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (ids[j] == ids[i]) {
                    continue outer;
                }
            }
            d++;
        }
        return d;
    }

    private static boolean withinEdits(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return false;
        }
        // optimal string alignment: insertions, deletions, substitutions and adjacent transpositions, as Lucene's
        // fuzzy matching counts them
        int[] prev2 = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
                }
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > max) {
                return false;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()] <= max;
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.savoir.kb.lucene.internal.highlight;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.index.SegmentCache;
import dev.savoir.kb.lucene.internal.query.QueryTerms;
import dev.savoir.kb.search.Explanation;
import dev.savoir.kb.search.SearchHit;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.ScoreDoc;
import org.jspecify.annotations.Nullable;

/**
 * Turns a matched document into a {@link SearchHit}: its stored fields, the snippet around the densest cluster of
 * query terms (from the passage the hit was found through, else the body, else the summary) and the highlighted
 * title. Thread-safe.
 */
public final class Hits {
    /** The stored fields of a hit without snippets: no text beyond the title. */
    private static final Set<String> WITHOUT_TEXT = Set.of(Fields.ID, Fields.LOC, Fields.REV, Fields.KIND,
            Fields.TITLE_STORED, Fields.CAT_STORED, Fields.TYPE);
    /** The stored field of a passage its snippet is cut from. */
    private static final Set<String> PASSAGE_TEXT = Set.of(Fields.BODY_STORED);
    /** Beyond this many hit headers cached (a few hundred bytes each), the least recently used is dropped. */
    static final int MAX_HEADERS = 16_384;
    private final Analyzers analyzers;
    /** What a hit without snippets shows of its document, by document of the segment (stored fields never change). */
    private final SegmentCache<Integer, Header> headers = new SegmentCache<>(MAX_HEADERS);

    /** The stored fields of a hit without snippets, decoded. */
    private record Header(ArticleId id, Locale locale, int revision, boolean draft, String title, CategoryPath category,
            ArticleType type) {
    }

    /** Where the query's terms occur in a text that starts at offset {@code at} of the searched text. */
    @FunctionalInterface
    private interface Matcher {
        List<int[]> in(String text, int at) throws IOException;
    }

    public Hits(Analyzers analyzers) {
        this.analyzers = analyzers;
    }

    /** The hit of {@code sd} (a document of {@code reader}), highlighting {@code query}'s terms in its language. */
    public SearchHit hit(IndexReader reader, StoredFields stored, ScoreDoc sd, QueryTerms query,
            @Nullable Explanation ex) throws IOException {
        return hit(reader, stored, sd, query, ex, true);
    }

    /**
     * As {@link #hit(IndexReader, StoredFields, ScoreDoc, QueryTerms, Explanation)}; without {@code snippets} the
     * hit has an empty snippet and no highlight, and neither the body nor the summary is read.
     */
    public SearchHit hit(IndexReader reader, StoredFields stored, ScoreDoc sd, QueryTerms query,
            @Nullable Explanation ex, boolean snippets) throws IOException {
        return hit(reader, stored, sd, query, ex, snippets, -1);
    }

    /**
     * As {@link #hit(IndexReader, StoredFields, ScoreDoc, QueryTerms, Explanation, boolean)}, for a hit found through
     * a passage (document {@code passage} of {@code reader}, -1 for none): its snippet comes from that passage's text,
     * around the query's terms where they occur in it, else from its start.
     */
    public SearchHit hit(IndexReader reader, StoredFields stored, ScoreDoc sd, QueryTerms query,
            @Nullable Explanation ex, boolean snippets, int passage) throws IOException {
        if (!snippets) {
            Header h = header(reader, stored, sd.doc);
            return new SearchHit(h.id(), h.locale(), h.revision(), h.draft(), h.title(), List.of(), "", List.of(),
                    h.category(), h.type(), sd.score, ex);
        }
        Document d = stored.document(sd.doc);
        Locale locale = Locale.forLanguageTag(d.get(Fields.LOC));
        String key = Analyzers.key(locale);
        Set<String> terms = query.exact(key);
        Set<String> fuzzy = query.fuzzy(key);
        String field = Fields.text(Fields.ALL, key);
        String title = d.get(Fields.TITLE_STORED);
        String body = Objects.requireNonNullElse(d.get(Fields.BODY_STORED), "");
        String summary = Objects.requireNonNullElse(d.get(Fields.SUMMARY_STORED), "");
        Analyzer a = analyzers.forKey(key);
        Matcher analysing = (text, at) -> Snippets.matches(a, field, text, terms, fuzzy);
        Matcher m = analysing;
        IndexableField summaryAt = d.getField(Fields.SUMMARY_AT);
        IndexableField bodyAt = d.getField(Fields.BODY_AT);
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        if (summaryAt != null && bodyAt != null && Snippets.hasOffsets(leaf.reader(), field)) {
            // The searched text is the title, the summary, ..., the body: the offsets of the query terms' postings
            // in it place the highlights without analysing the text again.
            int doc = sd.doc - leaf.docBase;
            Set<String> looked = new LinkedHashSet<>(terms);
            looked.addAll(query.near(key));
            int wanted = terms.size() + fuzzy.size();
            m = (text, at) -> Snippets.matches(leaf.reader(), doc, field, looked, wanted, at, at + text.length());
        }
        List<int[]> titleMatches = m.in(title, 0);
        String passageText = passage < 0 ? null : stored.document(passage, PASSAGE_TEXT).get(Fields.BODY_STORED);
        Snippets.Snippet snip = passageText != null ? Snippets.of(passageText, analysing.in(passageText, 0))
                : Snippets.of(body, m.in(body, bodyAt == null ? 0 : bodyAt.numericValue().intValue()));
        if (passageText == null && !snip.matched() && !summary.isEmpty()) {
            Snippets.Snippet s2 = Snippets.of(summary,
                    m.in(summary, summaryAt == null ? 0 : summaryAt.numericValue().intValue()));
            if (s2.matched()) {
                snip = s2;
            }
        }
        List<SearchHit.Highlight> titleHighlights = titleMatches.stream()
                .map(x -> new SearchHit.Highlight(x[0], x[1])).toList();
        return new SearchHit(ArticleId.of(d.get(Fields.ID)), locale, d.getField(Fields.REV).numericValue().intValue(),
                Fields.DRAFT.equals(d.get(Fields.KIND)), title, titleHighlights, snip.text(), snip.highlights(),
                CategoryPath.parse(d.get(Fields.CAT_STORED)), ArticleType.of(d.get(Fields.TYPE)), sd.score, ex);
    }

    /** The header of document {@code doc} of {@code reader}, cached per segment. */
    private Header header(IndexReader reader, StoredFields stored, int doc) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        Integer inSegment = doc - leaf.docBase;
        Header h = headers.get(leaf, inSegment);
        if (h == null) {
            Document d = stored.document(doc, WITHOUT_TEXT);
            h = new Header(ArticleId.of(d.get(Fields.ID)), Locale.forLanguageTag(d.get(Fields.LOC)),
                    d.getField(Fields.REV).numericValue().intValue(), Fields.DRAFT.equals(d.get(Fields.KIND)),
                    d.get(Fields.TITLE_STORED), CategoryPath.parse(d.get(Fields.CAT_STORED)),
                    ArticleType.of(d.get(Fields.TYPE)));
            headers.put(leaf, inSegment, h);
        }
        return h;
    }

    /** How many hit headers the leaf's segment has cached (for tests). */
    int cachedHeaders(LeafReaderContext leaf) {
        return headers.size(leaf);
    }

    /** How many segments have cached hit headers (for tests). */
    int cachedSegments() {
        return headers.segments();
    }
}

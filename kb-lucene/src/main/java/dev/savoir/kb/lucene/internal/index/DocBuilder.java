package dev.savoir.kb.lucene.internal.index;

import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.semantic.Passages;
import dev.savoir.kb.Article;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.IndexableArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * Turns an article into Lucene documents: one per (locale, published | draft), and with an embedding model the
 * passages of each published translation, with their vectors when the cache has them all (otherwise the published
 * document is marked for the embedding worker, which writes the passages later).
 */
public final class DocBuilder {
    /** Body characters kept for snippets. */
    static final int STORED_BODY_CHARS = 100_000;

    private static final FieldType DOCS_ONLY = new FieldType();
    /**
     * The searched text of a translation: its postings also hold each occurrence's character offsets, so snippets and
     * highlights are read from the postings of the query's terms instead of analysing the text again for each hit.
     */
    private static final FieldType WITH_OFFSETS = new FieldType(TextField.TYPE_NOT_STORED);

    static {
        DOCS_ONLY.setIndexOptions(IndexOptions.DOCS);
        DOCS_ONLY.setTokenized(true);
        DOCS_ONLY.setOmitNorms(true);
        DOCS_ONLY.freeze();
        WITH_OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        WITH_OFFSETS.freeze();
    }

    private final ContentRenderer renderer;
    private final @Nullable Passages passages;

    /** A builder; {@code passages} is null without an embedding model (then no passage is ever written). */
    public DocBuilder(ContentRenderer renderer, @Nullable Passages passages) {
        this.renderer = renderer;
        this.passages = passages;
    }

    /**
     * The documents of an article, and how many of its published translations await their passages' vectors.
     *
     * @param docs the documents, replacing the article's
     * @param pending translations whose passages the embedding worker writes later
     * @param token identifies this state of the article for the worker ({@link PassageGuard})
     */
    public record Built(List<Document> docs, int pending, long token) {
    }

    public Built build(IndexableArticle ia, ArticleSignals signals) {
        Article a = ia.article();
        List<Document> docs = new ArrayList<>();
        Set<Locale> pubLocales = ia.published().keySet();
        Set<Locale> workLocales = new HashSet<>(pubLocales);
        workLocales.addAll(ia.drafts().keySet());
        long token = passages == null ? 0 : passages.nextToken();
        int pending = 0;
        for (Map.Entry<Locale, Revision> e : ia.published().entrySet()) {
            Locale l = e.getKey();
            Revision r = e.getValue();
            boolean working = !ia.drafts().containsKey(l);
            Translation t = a.translations().get(l);
            Instant at = t != null && t.publishedAt() != null ? t.publishedAt() : r.createdAt();
            TranslationMeta meta = TranslationMeta.of(a, l, r.number(), pubLocales, at, token);
            BodyAnalysis analysis = renderer.analyze(r.content().body());
            Document d = doc(a, r, meta, Fields.PUB, working, workLocales, signals, analysis);
            docs.add(d);
            if (passages != null && passages.embeds(l)) {
                String body = storedBody(analysis.plainText());
                List<Passages.Chunk> chunks = passages.chunks(r.content().title(), body, analysis.sections());
                List<float[]> cached = passages.cachedAll(chunks);
                if (cached != null) {
                    docs.addAll(passageDocs(meta, r.content().title(), chunks, cached, signals));
                } else {
                    pending++;
                    d.add(new StringField(Fields.EMBED_KEY, Fields.embedKey(meta.id(), l), Field.Store.NO));
                    d.add(new NumericDocValuesField(Fields.EMBED_PENDING, 1));
                    d.add(new StoredField(Fields.META_STORED, meta.toBytes()));
                    d.add(new StoredField(Fields.SECTIONS_STORED, Passages.encodeSections(analysis.sections(),
                            body.length())));
                }
            }
        }
        for (Map.Entry<Locale, Revision> e : ia.drafts().entrySet()) {
            Revision r = e.getValue();
            TranslationMeta meta = TranslationMeta.of(a, e.getKey(), r.number(), Set.of(), r.createdAt(), token);
            docs.add(doc(a, r, meta, Fields.DRAFT, true, workLocales, signals, renderer.analyze(r.content().body())));
        }
        return new Built(docs, pending, token);
    }

    static String storedBody(String body) {
        return body.length() > STORED_BODY_CHARS ? body.substring(0, STORED_BODY_CHARS) : body;
    }

    private static boolean isLanguageRepresentative(Locale l, Set<Locale> locales) {
        return locales.stream().filter(x -> x.getLanguage().equals(l.getLanguage()))
                .min(Comparator.comparing(Locale::toLanguageTag)).map(l::equals).orElse(false);
    }

    private static Document doc(Article a, Revision r, TranslationMeta meta, String kind, boolean working,
                                Set<Locale> workLocales, ArticleSignals signals, BodyAnalysis analysis) {
        Document d = new Document();
        common(d, meta, kind, working, workLocales, signals);
        Locale l = r.locale();
        String key = Analyzers.key(l);
        String title = r.content().title();
        String summary = r.content().summary();
        String body = analysis.plainText();
        List<String> tagWords = new ArrayList<>(r.content().tags());
        tagWords.addAll(a.tags());
        String tags = String.join(" ; ", tagWords);
        String category = String.join(" ; ", a.category().segments());
        d.add(new StoredField(Fields.TITLE_STORED, title));
        d.add(new StoredField(Fields.SUMMARY_STORED, summary));
        d.add(new StoredField(Fields.BODY_STORED, storedBody(body)));
        String all = title + "\n" + summary + "\n" + tags + "\n" + category + "\n" + body;
        d.add(new Field(Fields.text(Fields.ALL, key), all, WITH_OFFSETS));
        // where the summary and the body start in the searched text, for highlights read from its offsets
        d.add(new StoredField(Fields.SUMMARY_AT, title.length() + 1));
        d.add(new StoredField(Fields.BODY_AT, all.length() - body.length()));
        d.add(new TextField(Fields.text(Fields.TITLE, key), title, Field.Store.NO));
        if (!tags.isEmpty()) {
            d.add(new TextField(Fields.text(Fields.TAGS, key), tags, Field.Store.NO));
        }
        if (!summary.isEmpty()) {
            d.add(new TextField(Fields.text(Fields.SUMMARY, key), summary, Field.Store.NO));
        }
        d.add(new Field(Fields.SPELL, title + "\n" + summary + "\n" + body, DOCS_ONLY));
        d.add(new Field(Fields.AC, title, DOCS_ONLY));
        d.add(new Field(Fields.AC_WORD, title, DOCS_ONLY));
        return d;
    }

    /**
     * The fields every document of a translation carries: identity, the viewer filter's (kind, audience, locale
     * choice, review date), the request filters' (category, tags, type, attributes, publication date), the signals'
     * doc values and what a hit shows besides text.
     */
    private static void common(Document d, TranslationMeta m, String kind, boolean working, Set<Locale> workLocales,
                               ArticleSignals signals) {
        Locale l = m.locale();
        String id = m.id();
        String tag = l.toLanguageTag();
        Set<Locale> pubLocales = new HashSet<>(m.pubLocales());
        d.add(new StringField(Fields.ID, id, Field.Store.YES));
        d.add(new SortedDocValuesField(Fields.ID, new BytesRef(id)));
        d.add(new StringField(Fields.KIND, kind, Field.Store.YES));
        if (working) {
            d.add(new StringField(Fields.WORK, "1", Field.Store.NO));
        }
        d.add(new StringField(Fields.LOC, tag, Field.Store.YES));
        d.add(new SortedDocValuesField(Fields.LOC, new BytesRef(tag)));
        d.add(new StringField(Fields.LANG, l.getLanguage(), Field.Store.NO));
        if (!Fields.DRAFT.equals(kind)) {
            if (isLanguageRepresentative(l, pubLocales)) {
                d.add(new StringField(Fields.LANG_REP, l.getLanguage(), Field.Store.NO));
            }
            for (Locale p : pubLocales) {
                d.add(new StringField(Fields.AVAIL_LOC, p.toLanguageTag(), Field.Store.NO));
                d.add(new StringField(Fields.AVAIL_LANG, p.getLanguage(), Field.Store.NO));
            }
        }
        if (working) {
            if (isLanguageRepresentative(l, workLocales)) {
                d.add(new StringField(Fields.WORK_LANG_REP, l.getLanguage(), Field.Store.NO));
            }
            for (Locale p : workLocales) {
                d.add(new StringField(Fields.WORK_AVAIL_LOC, p.toLanguageTag(), Field.Store.NO));
                d.add(new StringField(Fields.WORK_AVAIL_LANG, p.getLanguage(), Field.Store.NO));
            }
        }
        d.add(new StringField(Fields.VIS, m.audience(), Field.Store.NO));
        if (m.audience().equals("segments")) {
            for (String s : m.segments()) {
                d.add(new StringField(Fields.SEG, s, Field.Store.NO));
            }
        }
        for (String ps : m.categoryPaths()) {
            d.add(new StringField(Fields.CAT, ps, Field.Store.NO));
            d.add(new SortedSetDocValuesField(Fields.CAT, new BytesRef(ps)));
        }
        d.add(new StoredField(Fields.CAT_STORED, m.category()));
        for (String t : m.tags()) {
            d.add(new StringField(Fields.TAG, t, Field.Store.NO));
            d.add(new SortedSetDocValuesField(Fields.TAG, new BytesRef(t)));
        }
        d.add(new StringField(Fields.TYPE, m.type(), Field.Store.YES));
        d.add(new SortedDocValuesField(Fields.TYPE, new BytesRef(m.type())));
        for (Map.Entry<String, String> e : m.attributes().entrySet()) {
            d.add(new StringField(Fields.ATTR, attr(e.getKey(), e.getValue()), Field.Store.NO));
        }
        d.add(new LongPoint(Fields.PUBLISHED_AT, m.publishedAt()));
        d.add(new NumericDocValuesField(Fields.PUBLISHED_AT, m.publishedAt()));
        d.add(new LongPoint(Fields.DUE, m.due()));
        d.add(new NumericDocValuesField(Fields.DUE, m.due()));
        d.add(new NumericDocValuesField(Fields.UP, signals.helpfulVotes()));
        d.add(new NumericDocValuesField(Fields.DOWN, signals.unhelpfulVotes()));
        d.add(new NumericDocValuesField(Fields.VIEWS, signals.views()));
        d.add(new NumericDocValuesField(Fields.VIEWS_AT, signals.asOf().toEpochMilli()));
        d.add(new StoredField(Fields.REV, m.revision()));
    }

    /**
     * The passage documents of a published translation, one per chunk, each with its vector: the viewer filter's,
     * request filters' and signals' fields of the translation (kind {@code psg}, never working, so outside every
     * article partition), the stored fields of a hit (the chunk as its body) and of a passage. No text field: they
     * change no statistic of lexical search.
     */
    public static List<Document> passageDocs(TranslationMeta m, String title, List<Passages.Chunk> chunks,
                                             List<float[]> vectors, ArticleSignals signals) {
        List<Document> out = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Passages.Chunk c = chunks.get(i);
            Document d = new Document();
            common(d, m, Fields.PSG, false, Set.of(), signals);
            d.add(new StoredField(Fields.TITLE_STORED, title));
            d.add(new StoredField(Fields.BODY_STORED, c.text()));
            d.add(new StoredField(Fields.HEADING_STORED, c.heading()));
            d.add(new StoredField(Fields.ANCHOR_STORED, c.anchor()));
            d.add(new KnnFloatVectorField(Fields.VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
            out.add(d);
        }
        return out;
    }

    public static String attr(String key, String value) {
        return key + '\u0000' + value;
    }
}

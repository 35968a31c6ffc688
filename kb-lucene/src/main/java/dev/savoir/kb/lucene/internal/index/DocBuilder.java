package dev.savoir.kb.lucene.internal.index;

import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.Article;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.search.ArticleSignals;
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
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/** Turns an article into Lucene documents: one per (locale, published | draft). */
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

    public DocBuilder(ContentRenderer renderer) {
        this.renderer = renderer;
    }

    public List<Document> build(IndexableArticle ia, ArticleSignals signals) {
        Article a = ia.article();
        List<Document> docs = new ArrayList<>();
        Set<Locale> pubLocales = ia.published().keySet();
        Set<Locale> workLocales = new HashSet<>(pubLocales);
        workLocales.addAll(ia.drafts().keySet());
        for (Map.Entry<Locale, Revision> e : ia.published().entrySet()) {
            Locale l = e.getKey();
            boolean working = !ia.drafts().containsKey(l);
            Translation t = a.translations().get(l);
            Instant at = t != null && t.publishedAt() != null ? t.publishedAt() : e.getValue().createdAt();
            docs.add(doc(a, e.getValue(), Fields.PUB, working, pubLocales, workLocales, at, signals));
        }
        for (Map.Entry<Locale, Revision> e : ia.drafts().entrySet()) {
            docs.add(doc(a, e.getValue(), Fields.DRAFT, true, Set.of(), workLocales, e.getValue().createdAt(),
                    signals));
        }
        return docs;
    }

    private static boolean isLanguageRepresentative(Locale l, Set<Locale> locales) {
        return locales.stream().filter(x -> x.getLanguage().equals(l.getLanguage()))
                .min(Comparator.comparing(Locale::toLanguageTag)).map(l::equals).orElse(false);
    }

    private Document doc(Article a, Revision r, String kind, boolean working, Set<Locale> pubLocales,
                         Set<Locale> workLocales, Instant publishedAt, ArticleSignals signals) {
        Document d = new Document();
        String id = a.id().value();
        Locale l = r.locale();
        String tag = l.toLanguageTag();
        String key = Analyzers.key(l);
        d.add(new StringField(Fields.ID, id, Field.Store.YES));
        d.add(new SortedDocValuesField(Fields.ID, new BytesRef(id)));
        d.add(new StringField(Fields.KIND, kind, Field.Store.YES));
        if (working) {
            d.add(new StringField(Fields.WORK, "1", Field.Store.NO));
        }
        d.add(new StringField(Fields.LOC, tag, Field.Store.YES));
        d.add(new SortedDocValuesField(Fields.LOC, new BytesRef(tag)));
        d.add(new StringField(Fields.LANG, l.getLanguage(), Field.Store.NO));
        if (Fields.PUB.equals(kind)) {
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
        switch (a.visibility().audience()) {
            case PUBLIC -> d.add(new StringField(Fields.VIS, "public", Field.Store.NO));
            case INTERNAL -> d.add(new StringField(Fields.VIS, "internal", Field.Store.NO));
            case SEGMENTS -> {
                d.add(new StringField(Fields.VIS, "segments", Field.Store.NO));
                for (String s : a.visibility().segments()) {
                    d.add(new StringField(Fields.SEG, s, Field.Store.NO));
                }
            }
        }
        for (CategoryPath p : a.category().selfAndAncestors()) {
            String ps = p.toString();
            d.add(new StringField(Fields.CAT, ps, Field.Store.NO));
            d.add(new SortedSetDocValuesField(Fields.CAT, new BytesRef(ps)));
        }
        d.add(new StoredField(Fields.CAT_STORED, a.category().toString()));
        for (String t : a.tags()) {
            d.add(new StringField(Fields.TAG, t, Field.Store.NO));
            d.add(new SortedSetDocValuesField(Fields.TAG, new BytesRef(t)));
        }
        d.add(new StringField(Fields.TYPE, a.type().name(), Field.Store.YES));
        d.add(new SortedDocValuesField(Fields.TYPE, new BytesRef(a.type().name())));
        for (Map.Entry<String, String> e : a.attributes().entrySet()) {
            d.add(new StringField(Fields.ATTR, attr(e.getKey(), e.getValue()), Field.Store.NO));
        }
        long pub = publishedAt.toEpochMilli();
        d.add(new LongPoint(Fields.PUBLISHED_AT, pub));
        d.add(new NumericDocValuesField(Fields.PUBLISHED_AT, pub));
        long due = a.reviewDueAt() == null ? Long.MAX_VALUE : a.reviewDueAt().toEpochMilli();
        d.add(new LongPoint(Fields.DUE, due));
        d.add(new NumericDocValuesField(Fields.DUE, due));
        d.add(new NumericDocValuesField(Fields.UP, signals.helpfulVotes()));
        d.add(new NumericDocValuesField(Fields.DOWN, signals.unhelpfulVotes()));
        d.add(new NumericDocValuesField(Fields.VIEWS, signals.views()));
        d.add(new NumericDocValuesField(Fields.VIEWS_AT, signals.asOf().toEpochMilli()));
        d.add(new StoredField(Fields.REV, r.number()));

        String title = r.content().title();
        String summary = r.content().summary();
        String body = renderer.analyze(r.content().body()).plainText();
        List<String> tagWords = new ArrayList<>(r.content().tags());
        tagWords.addAll(a.tags());
        String tags = String.join(" ; ", tagWords);
        String category = String.join(" ; ", a.category().segments());
        d.add(new StoredField(Fields.TITLE_STORED, title));
        d.add(new StoredField(Fields.SUMMARY_STORED, summary));
        d.add(new StoredField(Fields.BODY_STORED,
                body.length() > STORED_BODY_CHARS ? body.substring(0, STORED_BODY_CHARS) : body));
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

    public static String attr(String key, String value) {
        return key + '\u0000' + value;
    }
}

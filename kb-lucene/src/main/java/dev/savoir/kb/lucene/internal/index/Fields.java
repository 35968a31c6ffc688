package dev.savoir.kb.lucene.internal.index;

/** Field names of the index. Text fields carry their analysis key after a dot ({@code all.fr}). */
public final class Fields {
    public static final String SCHEMA = "savoir-lucene-3";
    public static final String USER_SEQUENCE = "savoir.sequence";
    public static final String USER_SCHEMA = "savoir.schema";

    public static final String ID = "id";
    public static final String KIND = "kind";
    public static final String PUB = "pub";
    public static final String DRAFT = "draft";
    public static final String WORK = "work";
    public static final String LOC = "loc";
    public static final String LANG = "lang";
    public static final String LANG_REP = "langrep";
    public static final String WORK_LANG_REP = "wlangrep";
    public static final String AVAIL_LOC = "aloc";
    public static final String AVAIL_LANG = "alang";
    public static final String WORK_AVAIL_LOC = "waloc";
    public static final String WORK_AVAIL_LANG = "walang";
    public static final String VIS = "vis";
    public static final String SEG = "seg";
    public static final String CAT = "cat";
    public static final String TAG = "tag";
    public static final String TYPE = "type";
    public static final String ATTR = "attr";
    public static final String PUBLISHED_AT = "pubat";
    public static final String DUE = "due";
    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final String VIEWS = "views";
    public static final String VIEWS_AT = "viewsat";
    public static final String REV = "rev";
    public static final String TITLE_STORED = "stitle";
    public static final String SUMMARY_STORED = "ssummary";
    public static final String BODY_STORED = "sbody";
    public static final String CAT_STORED = "scat";
    /** Where the summary starts in the {@link #ALL} text (its offsets). */
    public static final String SUMMARY_AT = "summaryat";
    /** Where the body starts in the {@link #ALL} text (its offsets). */
    public static final String BODY_AT = "bodyat";
    public static final String SPELL = "spell";
    public static final String AC = "ac";
    public static final String AC_WORD = "acw";
    public static final String SIGNALS_DOC = "signals";
    /** The kind of passage documents. */
    public static final String PSG = "psg";
    /** Identifies a published translation awaiting its passages ({@link #embedKey}). */
    public static final String EMBED_KEY = "ekey";
    /** 1 on a published document whose passages await their vectors, 0 once written. */
    public static final String EMBED_PENDING = "epending";
    public static final String META_STORED = "smeta";
    public static final String SECTIONS_STORED = "ssections";
    public static final String HEADING_STORED = "sheading";
    public static final String ANCHOR_STORED = "sanchor";
    public static final String VECTOR = "vector";
    /** The commit data naming the embedding model the passages were built with ({@code none} without one). */
    public static final String USER_MODEL = "savoir.model";

    public static final String ALL = "all";
    public static final String TITLE = "title";
    public static final String TAGS = "tags";
    public static final String SUMMARY = "summary";

    private Fields() {
    }

    /** The key of one translation of an article. */
    public static String embedKey(String id, java.util.Locale locale) {
        return id + '\u0000' + locale.toLanguageTag();
    }

    public static String text(String base, String key) {
        return base + "." + key;
    }
}

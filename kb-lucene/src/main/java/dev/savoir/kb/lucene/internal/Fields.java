package dev.savoir.kb.lucene.internal;

/** Field names of the index. Text fields carry their analysis key after a dot ({@code all.fr}). */
final class Fields {
    static final String SCHEMA = "savoir-lucene-1";
    static final String USER_SEQUENCE = "savoir.sequence";
    static final String USER_SCHEMA = "savoir.schema";

    static final String ID = "id";
    static final String KIND = "kind";
    static final String PUB = "pub";
    static final String DRAFT = "draft";
    static final String WORK = "work";
    static final String LOC = "loc";
    static final String LANG = "lang";
    static final String LANG_REP = "langrep";
    static final String WORK_LANG_REP = "wlangrep";
    static final String AVAIL_LOC = "aloc";
    static final String AVAIL_LANG = "alang";
    static final String WORK_AVAIL_LOC = "waloc";
    static final String WORK_AVAIL_LANG = "walang";
    static final String VIS = "vis";
    static final String SEG = "seg";
    static final String CAT = "cat";
    static final String TAG = "tag";
    static final String TYPE = "type";
    static final String ATTR = "attr";
    static final String PUBLISHED_AT = "pubat";
    static final String DUE = "due";
    static final String UP = "up";
    static final String DOWN = "down";
    static final String VIEWS = "views";
    static final String VIEWS_AT = "viewsat";
    static final String REV = "rev";
    static final String TITLE_STORED = "stitle";
    static final String SUMMARY_STORED = "ssummary";
    static final String BODY_STORED = "sbody";
    static final String CAT_STORED = "scat";
    static final String SPELL = "spell";
    static final String AC = "ac";
    static final String AC_WORD = "acw";
    static final String SIGNALS_DOC = "signals";

    static final String ALL = "all";
    static final String TITLE = "title";
    static final String TAGS = "tags";
    static final String SUMMARY = "summary";

    private Fields() {
    }

    static String text(String base, String key) {
        return base + "." + key;
    }
}

package dev.savoir.kb.internal.store.codec;

import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.Revision;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * One revision on disk. Fields, in the order written: {@code articleId}, {@code locale} (BCP 47 tag), {@code number},
 * {@code content} (an object: {@code title}, {@code summary}, {@code body}, {@code tags} in the author's order),
 * {@code author}, {@code createdAt}, {@code changeNote}, {@code contentHash}, {@code restoredFrom}, and
 * {@code minor} only when true (so that stores written before it existed, and revisions not marked minor, read and
 * write the same bytes).
 *
 * @param articleId the article's id
 * @param locale the translation's tag
 * @param number the revision number, from 1
 * @param title the content's title
 * @param summary the content's summary
 * @param body the content's body
 * @param tags the content's tags, in order
 * @param author who wrote it
 * @param createdAt when
 * @param changeNote the author's note
 * @param contentHash the hash of the content
 * @param restoredFrom the revision it restores, if any
 * @param minor whether it is marked a minor change
 */
public record RevisionRecord(String articleId, String locale, int number, String title, String summary, String body,
                             List<String> tags, String author, Instant createdAt, String changeNote,
                             String contentHash, @Nullable Integer restoredFrom, boolean minor) {
    static final String ARTICLE_ID = "articleId";
    static final String LOCALE = "locale";
    static final String NUMBER = "number";
    static final String CONTENT = "content";
    static final String TITLE = "title";
    static final String SUMMARY = "summary";
    static final String BODY = "body";
    static final String TAGS = "tags";
    static final String AUTHOR = "author";
    static final String CREATED_AT = "createdAt";
    static final String CHANGE_NOTE = "changeNote";
    static final String CONTENT_HASH = "contentHash";
    static final String RESTORED_FROM = "restoredFrom";
    static final String MINOR = "minor";
    private static final String WHAT = "a revision";
    private static final String CONTENT_WHAT = "a revision's content";

    public RevisionRecord {
        Objects.requireNonNull(articleId, ARTICLE_ID);
        Objects.requireNonNull(locale, LOCALE);
        Objects.requireNonNull(title, TITLE);
        Objects.requireNonNull(summary, SUMMARY);
        Objects.requireNonNull(body, BODY);
        tags = List.copyOf(tags);
        Objects.requireNonNull(author, AUTHOR);
        Objects.requireNonNull(createdAt, CREATED_AT);
        Objects.requireNonNull(changeNote, CHANGE_NOTE);
        Objects.requireNonNull(contentHash, CONTENT_HASH);
    }

    /** The record of {@code r}. */
    public static RevisionRecord of(Revision r) {
        ArticleContent c = r.content();
        return new RevisionRecord(r.articleId().value(), r.locale().toLanguageTag(), r.number(), c.title(),
                c.summary(), c.body(), c.tags(), r.author(), r.createdAt(), r.changeNote(), r.contentHash(),
                r.restoredFrom(), r.minor());
    }

    /** The API value. */
    public Revision toApi() {
        return new Revision(ArticleId.of(articleId), Locale.forLanguageTag(locale), number,
                new ArticleContent(title, summary, body, tags), author, createdAt, changeNote, contentHash,
                restoredFrom, minor);
    }

    void write(JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty(ARTICLE_ID, articleId);
        g.writeStringProperty(LOCALE, locale);
        g.writeNumberProperty(NUMBER, number);
        g.writeName(CONTENT);
        g.writeStartObject();
        g.writeStringProperty(TITLE, title);
        g.writeStringProperty(SUMMARY, summary);
        g.writeStringProperty(BODY, body);
        g.writeName(TAGS);
        LogCodec.writeStrings(g, tags);
        g.writeEndObject();
        g.writeStringProperty(AUTHOR, author);
        LogCodec.writeInstant(g, CREATED_AT, createdAt);
        g.writeStringProperty(CHANGE_NOTE, changeNote);
        g.writeStringProperty(CONTENT_HASH, contentHash);
        LogCodec.writeNullableInt(g, RESTORED_FROM, restoredFrom);
        if (minor) {
            g.writeBooleanProperty(MINOR, true);
        }
        g.writeEndObject();
    }

    /** Reads the fields of an object whose start was just read. */
    static RevisionRecord read(FrameReader r) {
        String articleId = null;
        String locale = null;
        Integer number = null;
        String[] content = null;
        List<String> tags = null;
        String author = null;
        Instant createdAt = null;
        String changeNote = null;
        String contentHash = null;
        Integer restoredFrom = null;
        boolean minor = false;
        String f;
        while ((f = r.nextField()) != null) {
            switch (f) {
                case ARTICLE_ID -> articleId = r.string(ARTICLE_ID);
                case LOCALE -> locale = r.string(LOCALE);
                case NUMBER -> number = r.intValue(NUMBER);
                case CONTENT -> {
                    r.startObject("a revision's content");
                    content = new String[3];
                    String c;
                    while ((c = r.nextField()) != null) {
                        switch (c) {
                            case TITLE -> content[0] = r.string(TITLE);
                            case SUMMARY -> content[1] = r.string(SUMMARY);
                            case BODY -> content[2] = r.string(BODY);
                            case TAGS -> tags = r.strings(TAGS);
                            default -> throw r.unknown(CONTENT_WHAT, c);
                        }
                    }
                }
                case AUTHOR -> author = r.string(AUTHOR);
                case CREATED_AT -> createdAt = r.instant(CREATED_AT);
                case CHANGE_NOTE -> changeNote = r.string(CHANGE_NOTE);
                case CONTENT_HASH -> contentHash = r.string(CONTENT_HASH);
                case RESTORED_FROM -> restoredFrom = r.nullableInt(RESTORED_FROM);
                case MINOR -> minor = r.bool(MINOR);
                default -> throw r.unknown(WHAT, f);
            }
        }
        r.required(content, WHAT, CONTENT);
        return new RevisionRecord(r.required(articleId, WHAT, ARTICLE_ID), r.required(locale, WHAT, LOCALE),
                r.required(number, WHAT, NUMBER), r.required(content[0], CONTENT_WHAT, TITLE),
                r.required(content[1], CONTENT_WHAT, SUMMARY), r.required(content[2], CONTENT_WHAT, BODY),
                r.required(tags, CONTENT_WHAT, TAGS), r.required(author, WHAT, AUTHOR),
                r.required(createdAt, WHAT, CREATED_AT), r.required(changeNote, WHAT, CHANGE_NOTE),
                r.required(contentHash, WHAT, CONTENT_HASH), restoredFrom, minor);
    }
}

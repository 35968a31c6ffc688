package dev.savoir.kb.internal.store.codec;

import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.Revision;
import dev.savoir.kb.spi.StoreCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;

/**
 * One frame's payload: {@code {"sequence": n, "commit": {"article": {...}, "expectedVersion": n, "revisions": [...],
 * "events": [...]}}}, the article an {@link ArticleRecord}, each revision a {@link RevisionRecord}, each event an
 * {@link AuditRecord}.
 *
 * @param sequence the commit's sequence number, from 1
 * @param article the article's new state
 * @param expectedVersion the version the commit was based on, 0 when it created the article
 * @param revisions the revisions it added
 * @param events the audit events it recorded
 */
public record CommitRecord(long sequence, ArticleRecord article, long expectedVersion, List<RevisionRecord> revisions,
                           List<AuditRecord> events) {
    static final String SEQUENCE = "sequence";
    static final String COMMIT = "commit";
    static final String ARTICLE = "article";
    static final String EXPECTED_VERSION = "expectedVersion";
    static final String REVISIONS = "revisions";
    static final String EVENTS = "events";
    private static final String WHAT = "a log record";
    private static final String COMMIT_WHAT = "a commit";

    public CommitRecord {
        Objects.requireNonNull(article, ARTICLE);
        revisions = List.copyOf(revisions);
        events = List.copyOf(events);
    }

    /** The record of {@code commit}, numbered {@code sequence}. */
    public static CommitRecord of(long sequence, StoreCommit commit) {
        List<RevisionRecord> revisions = new ArrayList<>(commit.revisions().size());
        for (Revision r : commit.revisions()) {
            revisions.add(RevisionRecord.of(r));
        }
        List<AuditRecord> events = new ArrayList<>(commit.events().size());
        for (AuditEvent e : commit.events()) {
            events.add(AuditRecord.of(e));
        }
        return new CommitRecord(sequence, ArticleRecord.of(commit.article()), commit.expectedVersion(), revisions,
                events);
    }

    /** The API commit. */
    public StoreCommit toCommit() {
        List<Revision> rs = new ArrayList<>(revisions.size());
        for (RevisionRecord r : revisions) {
            rs.add(r.toApi());
        }
        List<AuditEvent> es = new ArrayList<>(events.size());
        for (AuditRecord e : events) {
            es.add(e.toApi());
        }
        return new StoreCommit(article.toApi(), expectedVersion, rs, es);
    }

    void write(JsonGenerator g) {
        g.writeStartObject();
        g.writeNumberProperty(SEQUENCE, sequence);
        g.writeName(COMMIT);
        g.writeStartObject();
        g.writeName(ARTICLE);
        article.write(g);
        g.writeNumberProperty(EXPECTED_VERSION, expectedVersion);
        g.writeName(REVISIONS);
        g.writeStartArray();
        for (RevisionRecord r : revisions) {
            r.write(g);
        }
        g.writeEndArray();
        g.writeName(EVENTS);
        g.writeStartArray();
        for (AuditRecord e : events) {
            e.write(g);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Reads a whole payload. */
    static CommitRecord read(FrameReader r) {
        r.startObject(WHAT);
        Long sequence = null;
        CommitRecord body = null;
        String f;
        while ((f = r.nextField()) != null) {
            switch (f) {
                case SEQUENCE -> sequence = r.longValue(SEQUENCE);
                case COMMIT -> body = readCommit(r);
                default -> throw r.unknown(WHAT, f);
            }
        }
        r.end();
        r.required(body, WHAT, COMMIT);
        return new CommitRecord(r.required(sequence, WHAT, SEQUENCE), body.article, body.expectedVersion,
                body.revisions, body.events);
    }

    private static CommitRecord readCommit(FrameReader r) {
        r.startObject(COMMIT_WHAT);
        ArticleRecord article = null;
        Long expected = null;
        List<RevisionRecord> revisions = null;
        List<AuditRecord> events = null;
        String f;
        while ((f = r.nextField()) != null) {
            switch (f) {
                case ARTICLE -> {
                    r.startObject("the article");
                    article = ArticleRecord.read(r);
                }
                case EXPECTED_VERSION -> expected = r.longValue(EXPECTED_VERSION);
                case REVISIONS -> {
                    r.startArray(REVISIONS);
                    revisions = new ArrayList<>(1);
                    while (r.nextInArray(REVISIONS)) {
                        revisions.add(RevisionRecord.read(r));
                    }
                }
                case EVENTS -> {
                    r.startArray(EVENTS);
                    events = new ArrayList<>(1);
                    while (r.nextInArray(EVENTS)) {
                        events.add(AuditRecord.read(r));
                    }
                }
                default -> throw r.unknown(COMMIT_WHAT, f);
            }
        }
        return new CommitRecord(0, r.required(article, COMMIT_WHAT, ARTICLE),
                r.required(expected, COMMIT_WHAT, EXPECTED_VERSION), r.required(revisions, COMMIT_WHAT, REVISIONS),
                r.required(events, COMMIT_WHAT, EVENTS));
    }
}

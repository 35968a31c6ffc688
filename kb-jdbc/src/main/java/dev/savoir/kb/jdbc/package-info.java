/**
 * Savoir's stores on PostgreSQL 15+: {@link dev.savoir.kb.jdbc.PostgresStores} opens the article store (with its
 * change feed), the feedback store and the analytics store on the host's {@link javax.sql.DataSource}, in a schema
 * and with a table prefix the host chooses, and {@link dev.savoir.kb.jdbc.DatabaseSchemaException} says why a
 * database was refused.
 *
 * <h2>The schema</h2>
 * Created and upgraded by Flyway's versioned migrations, shipped in this jar ({@code savoir-kb-jdbc/migration}:
 * V1 the article store and its feed, V2 feedback, V3 analytics, V4 what exporting and erasing one viewer needs: the
 * analytics events of sessions, indexes by viewer key), recorded in the store's own history table
 * {@code <prefix>schema_history}. Articles, revisions and audit events are kept as the file store's own records
 * ({@link dev.savoir.kb.spi.StoreRecordCodec}), one JSON document per row, beside the columns the store queries by
 * (id, version, sequence numbers, locale, revision number). The column type is {@code json}, not {@code jsonb}:
 * {@code jsonb} refuses the escape {@code \u005Cu0000}, which a body may hold, and reorders keys; {@code json}
 * keeps the codec's exact text (checked as JSON on insert), and the store never queries inside a document.
 *
 * <h2>A change feed that never skips</h2>
 * Every commit takes its sequence numbers in its own transaction from a one-row counter,
 * {@code UPDATE feed_head SET seq = seq + n RETURNING seq}, after its article locks and checks, just before its
 * writes. The counter's row lock is held until the transaction ends, so committers pass it one at a time: commit
 * {@code n + 1} gets its number only after commit {@code n} committed or rolled back. PostgreSQL marks a transaction
 * visible before it releases its locks, so any snapshot that sees commit {@code n + 1} also sees commit
 * {@code n}: a reader of {@code changesSince(s, limit)} sees a prefix of the sequence and never a number that a
 * slower, smaller-numbered commit could fill in later. A rolled-back commit rolls the counter back too, so the
 * numbers have no gaps, as the file store's. The alternative, a sequence plus a transaction-id watermark
 * ({@code pg_current_xact_id()}, {@code pg_snapshot_xmin(pg_current_snapshot())}), lets commits run in parallel but
 * makes every reader hold back changes newer than the oldest running transaction and leaves gaps; a knowledge base's
 * write rate (editors, imports in batches) is far below what one serialized counter allows, so the simpler,
 * obviously correct design was chosen. Its cost is that commits commit one at a time: the counter is held through
 * the commit's writes and its WAL flush. Bulk imports ({@code commitAll}) take all their numbers in one step and
 * write with batched statements. This holds on the primary; a reader on a hot standby may see commits in another
 * order and must not feed an index.
 *
 * <h2>Conflicts</h2>
 * As the file store: a commit names the version it was based on; a stale one (or a create of an existing article,
 * even one created by another node a moment earlier) fails with
 * {@link dev.savoir.kb.ArticleVersionConflictException} and writes nothing; revisions must follow their
 * translation's latest. Rows are locked in id order, so two batches never deadlock.
 *
 * <h2>Errors</h2>
 * Every SQL failure is a {@link dev.savoir.kb.StoreException} naming what failed and the schema; a failed write
 * wrote nothing. A document that the codec refuses is a {@link dev.savoir.kb.StoreCorruptedException} naming the
 * table and row.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.jdbc;

import org.jspecify.annotations.NullMarked;

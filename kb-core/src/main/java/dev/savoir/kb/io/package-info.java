/**
 * Import and export of a whole knowledge base, in three formats.
 *
 * <ul>
 *   <li>{@link dev.savoir.kb.io.JsonFormat}: everything (articles, every translation and revision, lifecycle
 *       states, audit trails, feedback aggregates), streamed article by article, so that an export and an import
 *       of 100,000 articles never hold them all in memory. Export then import with
 *       {@link dev.savoir.kb.io.ImportOptions.Builder#keepStates(boolean) keepStates} into an empty knowledge base
 *       gives back the same knowledge base (plus one {@code IMPORTED} audit event per article).</li>
 *   <li>{@link dev.savoir.kb.io.CsvFormat}: the currently published content, one row per published translation,
 *       for spreadsheets. Importing a CSV file creates drafts.</li>
 *   <li>{@link dev.savoir.kb.io.MarkdownFormat}: a ZIP file or a plain folder with one folder per category and one
 *       Markdown file with YAML front matter per translation; hand-written folders import too. The layout is
 *       described on {@link dev.savoir.kb.io.MarkdownFormat}.</li>
 * </ul>
 *
 * <p><b>Imports</b> take an {@link dev.savoir.kb.io.ImportOptions} and return an
 * {@link dev.savoir.kb.io.ImportReport}. The whole file is read and every record checked before anything is written:
 * a malformed file (bad JSON, wrong CSV columns, a ZIP entry with {@code ../} or an absolute path, a ZIP bomb, a
 * symbolic link) or an invalid record (bad id or locale, unknown state, duplicate id, an id that exists already) is
 * refused with an {@link dev.savoir.kb.io.ImportRejectedException} listing every rejected record with its file and
 * line, and nothing is written. Valid input is then written in batches of
 * {@link dev.savoir.kb.io.ImportOptions.Builder#batchSize(int)} articles, each batch all-or-nothing; the progress
 * callback hears after every batch. Imported articles are drafts unless the options ask to keep their states, which
 * needs an actor allowed to publish.
 *
 * <p>All classes of this package are immutable and thread-safe; a format may be used by many threads at once.
 *
 * @since 0.1
 */
@NullMarked
package dev.savoir.kb.io;

import org.jspecify.annotations.NullMarked;

/**
 * Imports from CRMs into a Savoir knowledge base: {@link dev.savoir.kb.imports.ZendeskFormat} reads a Zendesk
 * Guide export folder (the Help Center API's JSON), {@link dev.savoir.kb.imports.DynamicsFormat} reads Microsoft
 * Dynamics 365 knowledge articles exported as CSV or as the Configuration Migration tool's XML.
 *
 * <p>Both convert HTML bodies to Markdown with flexmark's html2md converter (after jsoup removed scripts, styles,
 * forms and plugins), turn images into files in the host's attachments folder, map categories, translations,
 * states and visibility, and run the import kb-core's formats share ({@link dev.savoir.kb.io.ArchiveImporter}):
 * every record is checked before anything is written, an invalid one refuses the whole import with an
 * {@link dev.savoir.kb.io.ImportRejectedException} that names each file and record, and the valid ones are written
 * in all-or-nothing batches with progress callbacks. Rendering still goes through the renderer's sanitizer: an
 * import never makes HTML safe by itself.
 *
 * <p>All classes of this package are immutable and thread-safe.
 *
 * @since 0.2
 */
@NullMarked
package dev.savoir.kb.imports;

import org.jspecify.annotations.NullMarked;

/**
 * kb-import's implementation: the HTML to Markdown conversion, the attachments an import writes, the Zendesk and
 * Dynamics 365 readers, and the archive builder they share. Not API: it may change in any release.
 */
@NullMarked
package dev.savoir.kb.imports.internal;

import org.jspecify.annotations.NullMarked;

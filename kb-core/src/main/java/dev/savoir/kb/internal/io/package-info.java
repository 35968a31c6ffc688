/**
 * The machinery behind {@code dev.savoir.kb.io}: the two-pass batch importer, record checks, safe reading of ZIP
 * files and folders, and the Markdown front matter codec. Not exported.
 */
@NullMarked
package dev.savoir.kb.internal.io;

import org.jspecify.annotations.NullMarked;

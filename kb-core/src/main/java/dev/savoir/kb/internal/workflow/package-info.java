/** The built-in workflow store (inbox items, learning paths, acknowledgements): a JSON-lines log. */
@NullMarked
package dev.savoir.kb.internal.workflow;

import org.jspecify.annotations.NullMarked;

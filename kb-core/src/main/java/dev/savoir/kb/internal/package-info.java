/**
 * Implementation details of kb-core. Not exported; may change in any release.
 */
@NullMarked
package dev.savoir.kb.internal;

import org.jspecify.annotations.NullMarked;

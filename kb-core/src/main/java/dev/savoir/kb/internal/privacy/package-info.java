/**
 * Privacy of what readers type: personal-data detection and masking, and the export and erasure of what was
 * recorded about one viewer key. Not exported.
 */
@NullMarked
package dev.savoir.kb.internal.privacy;

import org.jspecify.annotations.NullMarked;

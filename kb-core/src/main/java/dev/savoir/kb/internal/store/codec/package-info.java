/**
 * The file store's own on-disk records (store format {@value dev.savoir.kb.internal.store.codec.LogCodec#FORMAT}):
 * one record type per kind of thing the log holds, each with explicit field names and an explicit mapping to and
 * from the API records, so that renaming or adding a component of an API record never changes what the store writes
 * or reads. Written and read with Jackson's streaming API only: no reflection, no annotations.
 */
@NullMarked
package dev.savoir.kb.internal.store.codec;

import org.jspecify.annotations.NullMarked;

/**
 * The built-in stores: the durable file store (the embedded default) and the in-memory store. Not exported: hosts
 * choose them through {@code KnowledgeBaseBuilder#directory} and {@code #inMemory}.
 */
@NullMarked
package dev.savoir.kb.internal.store;

import org.jspecify.annotations.NullMarked;

/**
 * Implementation of kb-markdown: commonmark-java extensions (alerts, {@code kb:} links, heading anchors), the URL
 * policy, the sanitizer policy, the text extraction and the cache. Not exported; no compatibility promise.
 */
@NullMarked
package dev.savoir.kb.markdown.internal;

import org.jspecify.annotations.NullMarked;

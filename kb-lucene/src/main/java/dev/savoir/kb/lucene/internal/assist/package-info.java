/**
 * Assist: did-you-mean, autocomplete (titles), related articles, ticket cleaning and agent assist. Not an
 * API: may change in any release.
 */
@NullMarked
package dev.savoir.kb.lucene.internal.assist;

import org.jspecify.annotations.NullMarked;

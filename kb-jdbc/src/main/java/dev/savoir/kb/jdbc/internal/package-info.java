/**
 * kb-jdbc's implementation: the PostgreSQL stores, the schema migrator, connection handling. Not exported.
 */
@NullMarked
package dev.savoir.kb.jdbc.internal;

import org.jspecify.annotations.NullMarked;

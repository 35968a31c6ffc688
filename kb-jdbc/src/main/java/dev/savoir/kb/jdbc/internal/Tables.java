package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * Where the store's tables live: a schema of the host's database and a prefix for every table name, so that they sit
 * beside the host's own tables. Both are checked to be plain lower-case SQL identifiers, so that they can be written
 * into statements safely.
 *
 * @param schema the schema, e.g. {@code savoir}
 * @param prefix the table prefix, e.g. {@code kb_}, or empty
 */
public record Tables(String schema, String prefix) {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    /** PostgreSQL's identifier limit is 63 bytes; the longest table name is 36 characters. */
    static final int MAX_PREFIX = 24;
    static final int MAX_SCHEMA = 63;

    public Tables {
        if (schema == null || !IDENTIFIER.matcher(schema).matches() || schema.length() > MAX_SCHEMA
                || schema.startsWith("pg_")) {
            throw new InvalidArgumentException("schema", "must be a lower-case SQL identifier of at most "
                    + MAX_SCHEMA + " characters ([a-z_][a-z0-9_]*, not starting with pg_), got "
                    + (schema == null ? "null" : "\"" + schema + "\""));
        }
        if (prefix == null || (!prefix.isEmpty() && !IDENTIFIER.matcher(prefix).matches())
                || prefix.length() > MAX_PREFIX) {
            throw new InvalidArgumentException("tablePrefix", "must be empty or a lower-case SQL identifier of at "
                    + "most " + MAX_PREFIX + " characters ([a-z_][a-z0-9_]*), got "
                    + (prefix == null ? "null" : "\"" + prefix + "\""));
        }
    }

    /** The qualified name of a table: {@code "schema".prefix_name}. */
    public String name(String table) {
        return '"' + schema + "\"." + prefix + table;
    }

    /**
     * The notification channel of the store's change feed: one per schema and prefix, a valid identifier within
     * PostgreSQL's 63 bytes whatever their length.
     */
    public String channel() {
        return "savoir_feed_" + Integer.toHexString((schema + "." + prefix).hashCode());
    }

    /** The name of the schema history table (unqualified, as Flyway takes it). */
    public String historyTable() {
        return prefix + "schema_history";
    }
}

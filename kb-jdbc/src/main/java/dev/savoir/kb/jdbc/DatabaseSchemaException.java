package dev.savoir.kb.jdbc;

import dev.savoir.kb.StoreException;
import java.io.Serial;
import org.apiguardian.api.API;

/**
 * The database cannot hold Savoir's stores as it is: it is not PostgreSQL 15 or newer, its schema was written by a
 * newer Savoir, or a migration of the schema failed or was left half-applied. Nothing was written to the stores'
 * tables. The message says what was found and what to do; {@link #reason()} says which case it is.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DatabaseSchemaException extends StoreException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why the database was refused. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Reason {
        /** Not PostgreSQL, or a PostgreSQL older than 15. */
        UNSUPPORTED_DATABASE,
        /** The schema history lists versions this Savoir does not know: a newer Savoir migrated it. */
        NEWER_SCHEMA,
        /**
         * A migration failed or was left half-applied, or an applied migration differs from this Savoir's (its
         * checksum changed).
         */
        FAILED_MIGRATION
    }

    private final Reason reason;

    public DatabaseSchemaException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DatabaseSchemaException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Which case it is. */
    public Reason reason() {
        return reason;
    }
}

package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.KbException;
import dev.savoir.kb.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Connections from the host's {@link DataSource}, one per call, with the store's table names. Reads run in
 * auto-commit; writes in one READ COMMITTED transaction each, rolled back on any failure. Every
 * {@link SQLException} becomes a {@link StoreException} that says what failed, in which schema, and whether nothing
 * was written (or, when the connection was lost during the commit itself, that the write may have been applied), and,
 * when the database cannot be reached or is restarting, to retry when it is back. The connection's auto-commit and
 * isolation are put back before it returns to the host's pool.
 */
public final class Jdbc {
    /** Work on a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final Tables tables;
    private final String owner;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param owner names the store in errors ({@code "the article store"})
     */
    public Jdbc(DataSource dataSource, Tables tables, String owner) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.owner = owner;
    }

    /** The host's DataSource (for the connections a store keeps: the change listener, the scheduler lease). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The store's tables. */
    public Tables tables() {
        return tables;
    }

    /** The qualified name of one of the store's tables. */
    public String table(String name) {
        return tables.name(name);
    }

    /** Runs a read in auto-commit. */
    public <T> T read(String what, Work<T> work) {
        ensureOpen();
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                // A pool handing out connections in manual-commit mode: read in a transaction of our own.
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
            }
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e, Outcome.READ);
        }
    }

    /**
     * Runs a write in one READ COMMITTED transaction: all of it is committed, or none of it. A
     * {@link KbException} thrown by the work (a typed conflict) rolls back and is rethrown as it is.
     */
    public <T> T write(String what, Work<T> work) {
        ensureOpen();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            try {
                if (autoCommit) {
                    c.setAutoCommit(false);
                }
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    // The feed's ordering relies on READ COMMITTED: a stricter level would fail committers that
                    // waited for the feed head instead of serializing them.
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                T result = work.run(c);
                try {
                    c.commit();
                } catch (SQLException e) {
                    throw new CommitFailed(e);
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restore(c, autoCommit, isolation);
            }
        } catch (CommitFailed e) {
            throw failure(what, e.cause, unreachable(e.cause) ? Outcome.UNKNOWN : Outcome.NOTHING_WRITTEN);
        } catch (SQLException e) {
            throw failure(what, e, Outcome.NOTHING_WRITTEN);
        }
    }

    /** What a failed statement left in the database. */
    private enum Outcome {
        /** A read: nothing to say. */
        READ,
        /** The transaction rolled back (or never began). */
        NOTHING_WRITTEN,
        /** The connection was lost during {@code COMMIT}: the database may have committed or not. */
        UNKNOWN
    }

    /**
     * The commit call itself failed: when the connection was lost meanwhile, the one case where the write may have
     * been applied all the same.
     */
    private static final class CommitFailed extends SQLException {
        private static final long serialVersionUID = 1L;
        final transient SQLException cause;

        CommitFailed(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.cause = cause;
        }
    }

    private static void restore(Connection c, boolean autoCommit, int isolation) {
        try {
            if (c.getTransactionIsolation() != isolation) {
                c.setTransactionIsolation(isolation);
            }
            if (autoCommit) {
                c.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // A broken connection: the pool discards it.
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The typed error for a failed statement. */
    private StoreException failure(String what, SQLException e, Outcome outcome) {
        String state = e.getSQLState();
        StringBuilder m = new StringBuilder(owner).append(" could not ").append(what).append(" in schema ")
                .append(tables.schema()).append(": ").append(e.getMessage());
        if (state != null) {
            m.append(" [SQLState ").append(state).append(']');
        }
        if (outcome == Outcome.NOTHING_WRITTEN) {
            m.append("; nothing was written");
        } else if (outcome == Outcome.UNKNOWN) {
            m.append("; the connection was lost while the database committed, so the write may or may not have "
                    + "been applied: read the article again before retrying it");
        }
        if (unreachable(e)) {
            m.append("; the database is unreachable or restarting: retry when it is back (the pool reconnects "
                    + "by itself)");
        } else if (state != null && state.startsWith("42")) {
            m.append("; the schema lacks a table or column this Savoir needs: has it been changed by hand?");
        }
        return new StoreException(m.toString(), e);
    }

    /**
     * Whether a failure means the database cannot be reached now: a connection error (SQLState class 08, or a
     * pool's connection timeout), or a server shutting down, crashed or starting up (57P01 to 57P03), in the
     * exception or its causes.
     */
    static boolean unreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && (s.getSQLState().startsWith("08")
                    || s.getSQLState().equals("57P01") || s.getSQLState().equals("57P02")
                    || s.getSQLState().equals("57P03"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Sets a parameter to an instant (microsecond precision, as PostgreSQL keeps it). */
    public static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    /** A {@code timestamptz} column read back as an instant. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        if (t == null) {
            throw new SQLException("column " + column + " is null", "22004");
        }
        return t.toInstant();
    }

    /** Marks the store closed; true the first time. */
    public boolean close() {
        return closed.compareAndSet(false, true);
    }

    /** Whether the store was closed. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Fails if the store was closed. */
    public void ensureOpen() {
        if (closed.get()) {
            throw new StoreException(owner + " in schema " + tables.schema() + " is closed");
        }
    }
}

package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.KbException;
import dev.savoir.kb.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * was written. The connection's auto-commit and isolation are put back before it returns to the host's pool.
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
            throw failure(what, e, false);
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
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restore(c, autoCommit, isolation);
            }
        } catch (SQLException e) {
            throw failure(what, e, true);
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
    public StoreException failure(String what, SQLException e, boolean write) {
        String state = e.getSQLState();
        StringBuilder m = new StringBuilder(owner).append(" could not ").append(what).append(" in schema ")
                .append(tables.schema()).append(": ").append(e.getMessage());
        if (state != null) {
            m.append(" [SQLState ").append(state).append(']');
        }
        if (write) {
            m.append("; nothing was written");
        }
        if (state != null && state.startsWith("08")) {
            m.append("; the database is unreachable: retry when it is back");
        } else if (state != null && state.startsWith("42")) {
            m.append("; the schema lacks a table or column this Savoir needs: has it been changed by hand?");
        }
        return new StoreException(m.toString(), e);
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

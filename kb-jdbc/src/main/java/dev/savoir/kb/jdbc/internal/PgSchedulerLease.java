package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.spi.SchedulerLease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler lease as a PostgreSQL session-level advisory lock ({@code pg_try_advisory_lock}) held on a connection
 * of its own, taken from the host's DataSource and kept while the lease is held. The database grants the lock to one
 * session at a time and releases it when that session ends: a node that closes, crashes or is killed loses it as
 * soon as the database sees its connection close (at once for a process kill, whose socket the system closes;
 * within the TCP keepalive for a lost machine), and another node takes it at its next try, one scheduler interval
 * later. The ttl is not needed: the lock lives as long as the holder's session. Each {@link #tryAcquire} of the
 * holder checks that its connection is still alive, so a holder cut off from the database stops running scheduled
 * transitions. Thread-safe.
 */
public final class PgSchedulerLease implements SchedulerLease {
    private static final Logger LOG = LoggerFactory.getLogger(PgSchedulerLease.class);

    private final DataSource dataSource;
    private final long key;
    private final String name;
    private @Nullable Connection held;

    /**
     * @param key the advisory lock's key, one per schema and prefix
     * @param name names the lease in logs
     */
    public PgSchedulerLease(DataSource dataSource, long key, String name) {
        this.dataSource = dataSource;
        this.key = key;
        this.name = name;
    }

    /** The advisory lock key of a schema and prefix: stable across processes and versions. */
    public static long keyOf(Tables tables) {
        String s = "savoir-scheduler:" + tables.schema() + ":" + tables.prefix();
        long h = 1125899906842597L;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    @Override
    public synchronized boolean tryAcquire(Duration ttl) {
        if (held != null) {
            try {
                if (held.isValid(2)) {
                    return true;
                }
            } catch (SQLException e) {
                // lost: taken again below
            }
            LOG.warn("The scheduler lease {} was lost with its connection; trying to take it again", name);
            closeQuietly(held);
            held = null;
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            boolean got;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    got = rs.getBoolean(1);
                }
            }
            if (got) {
                held = c;
                LOG.info("This node holds the scheduler lease {}", name);
                return true;
            }
            closeQuietly(c);
            return false;
        } catch (SQLException e) {
            closeQuietly(c);
            LOG.warn("Could not try the scheduler lease {}: {}", name, e.getMessage());
            return false;
        }
    }

    /** Whether this node holds the lease (as of its last try). */
    public synchronized boolean held() {
        return held != null;
    }

    @Override
    public synchronized void release() {
        Connection c = held;
        held = null;
        if (c == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        } catch (SQLException e) {
            LOG.debug("Unlocking the scheduler lease {} failed; closing its connection frees it", name, e);
        } finally {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(@Nullable Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }
}

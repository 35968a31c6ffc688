package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.spi.ChangeSubscription;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change hints of the article store: a daemon thread holding one connection of its own from the host's
 * DataSource that {@code LISTEN}s on the store's channel, where every commit does {@code pg_notify} with its last
 * sequence number (delivered when it commits). Each notification, and each (re)connection (notifications sent while
 * it was not listening are lost), calls the subscriber. A lost connection is retried every second; meanwhile the
 * subscriber's own polling bounds the delay. Needs PostgreSQL's JDBC driver (pgjdbc) to receive notifications;
 * with another driver it logs once and leaves the subscriber to its polling.
 */
final class FeedListener implements ChangeSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(FeedListener.class);
    private static final int WAIT_MILLIS = 250;

    private final DataSource dataSource;
    private final String channel;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean closed;

    FeedListener(DataSource dataSource, String channel, Runnable onChange) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.onChange = onChange;
        this.thread = Thread.ofPlatform().daemon().name("savoir-feed-listener-" + channel).unstarted(this::run);
        thread.start();
    }

    private void run() {
        boolean warned = false;
        while (!closed) {
            try (Connection c = dataSource.getConnection()) {
                PGConnection pg;
                try {
                    pg = c.unwrap(PGConnection.class);
                } catch (SQLException | LinkageError e) {
                    LOG.warn("The DataSource's connections are not PostgreSQL JDBC (pgjdbc) connections: change "
                            + "notifications are off, nodes follow the feed by polling only");
                    return;
                }
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN \"" + channel + "\"");
                }
                warned = false;
                try {
                    notifySubscriber();
                    while (!closed) {
                        PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
                        if (received != null && received.length > 0) {
                            notifySubscriber();
                        }
                    }
                } finally {
                    // the connection goes back to the host's pool: it must not keep listening
                    try (Statement st = c.createStatement()) {
                        st.execute("UNLISTEN *");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!warned) {
                    LOG.warn("Listening for change notifications on {} failed; retrying every second (nodes poll "
                            + "the feed meanwhile)", channel, e);
                    warned = true;
                }
                sleep();
            }
        }
    }

    private void notifySubscriber() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.warn("A change subscriber failed", e);
        }
    }

    private void sleep() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // the thread sees it within one wait, unlistens and gives its connection back
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

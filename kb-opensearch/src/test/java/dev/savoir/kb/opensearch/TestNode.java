package dev.savoir.kb.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opensearch.Version;
import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.node.NodeValidationException;
import org.opensearch.painless.PainlessModulePlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * A real single OpenSearch node inside the test JVM: the HTTP and transport layers on Netty, the language analyzers
 * ({@code analysis-common}) and Painless (the scripted similarity and the signal script), bound to 127.0.0.1 on a
 * free port, its data in a folder of {@code target/} that survives {@link #stop()} so that the same node can be
 * started again on it ({@link #start()}).
 */
final class TestNode implements AutoCloseable {
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4ModulePlugin.class,
            CommonAnalysisModulePlugin.class, PainlessModulePlugin.class);

    private final Path home;
    private final int httpPort;
    private final int transportPort;
    private Node node;

    /** The node's subclass, for the protected constructor that takes classpath plugins. */
    private static final class ClasspathNode extends Node {
        ClasspathNode(Settings settings) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "savoir-test"),
                    PLUGINS.stream().map(p -> new PluginInfo(p.getName(), "classpath plugin", "NA", Version.CURRENT,
                            "21", p.getName(), null, List.of(), false)).toList(), true);
        }
    }

    private TestNode(Path home, int httpPort, int transportPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    private static TestNode shared;

    /**
     * The node the test classes share (JUnit's and jqwik's engines both run them, so no class may stop it): started on
     * first use, stopped when the JVM exits.
     */
    static synchronized TestNode shared() {
        if (shared == null) {
            shared = startNew("shared");
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "savoir-test-node-stop"));
        }
        return shared;
    }

    /** A node on a new folder under {@code target/opensearch}, started. */
    static TestNode startNew(String name) {
        return startNew(Path.of("target", "opensearch"), name);
    }

    /** A node on a new folder under {@code parent}, started. */
    static TestNode startNew(Path parent, String name) {
        try {
            Path home = Files.createTempDirectory(Files.createDirectories(parent), name + "-");
            TestNode n = new TestNode(home.toAbsolutePath(), freePort(), freePort());
            n.start();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The node's HTTP address. */
    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts the node (again) on its folder and port; waits until it answers. */
    synchronized void start() {
        if (node != null) {
            return;
        }
        try {
            Files.createDirectories(home.resolve("plugins"));
            Files.createDirectories(home.resolve("modules"));
            Files.createDirectories(home.resolve("config"));
            Settings settings = Settings.builder()
                    .put("cluster.name", "savoir-test")
                    .put("node.name", "node-1")
                    .put("path.home", home.toString())
                    .put("path.data", home.resolve("data").toString())
                    .put("path.logs", home.resolve("logs").toString())
                    .put("network.host", "127.0.0.1")
                    .put("http.port", httpPort)
                    .put("transport.port", transportPort)
                    .put("discovery.type", "single-node")
                    .put("cluster.routing.allocation.disk.threshold_enabled", false)
                    .put("action.auto_create_index", false)
                    .build();
            node = new ClasspathNode(settings);
            node.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NodeValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the node, keeping its data. */
    synchronized void stop() {
        if (node == null) {
            return;
        }
        try {
            node.close();
            node.awaitClose(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            node = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}

package dev.savoir.kb.examples;

import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Role;
import dev.savoir.kb.imports.DynamicsFormat;
import dev.savoir.kb.imports.ZendeskFormat;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.ImportReport;
import dev.savoir.kb.markdown.MarkdownRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The demo's CRM step: imports a small Zendesk Guide export and a Dynamics 365 CSV export (both bundled, written
 * from the vendors' documented formats) into a fresh knowledge base and prints what came in.
 */
public final class CrmImportDemo {
    private static final Actor ADMIN = Actor.of("migration@lumo.example", Role.ADMIN);

    private CrmImportDemo() {
    }

    /** Runs the imports, with the attachments written under {@code folder}, and prints them. */
    public static void run(Path folder, PrintStream out) {
        Path zendesk = extract("zendesk-export", folder);
        Path dynamics = extract("knowledgearticles.csv", folder);
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().renderer(MarkdownRenderer.create()).build()) {
            ImportOptions keep = ImportOptions.builder().keepStates(true).build();
            ImportReport z = ZendeskFormat.builder().attachments(folder.resolve("kb-files")).build()
                    .importFolder(kb, ADMIN, zendesk, keep);
            ImportReport d = DynamicsFormat.builder().attachments(folder.resolve("kb-files")).build()
                    .importCsv(kb, ADMIN, dynamics, keep);
            out.printf("Zendesk: %d articles, %d translations, %d attachments; Dynamics 365: %d articles, "
                    + "%d translations (%d older or discarded versions left out)%n", z.imported(), z.translations(),
                    z.attachments(), d.imported(), d.translations(), d.skipped().size());
            for (ArticleId id : kb.articleIds()) {
                Article a = kb.article(ADMIN, id);
                out.printf("    %-10s %-34s %s [%s]%n", id, a.category(), a.visibility().audience(),
                        a.translations().values().stream().map(t -> t.locale().toLanguageTag() + " "
                                + t.state().name().toLowerCase(java.util.Locale.ROOT))
                                .sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    /** The bundled export on disk (copied out of the jar when the examples run from one). */
    private static Path extract(String name, Path folder) {
        URL url = CrmImportDemo.class.getResource("/crm/" + name);
        if (url == null) {
            throw new IllegalStateException("the bundled CRM export " + name + " is missing from the classpath");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("file")) {
                return Path.of(uri);
            }
            Path target = folder.resolve("crm-exports").resolve(name);
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of());
                 Stream<Path> files = Files.walk(jar.getPath("/crm/" + name))) {
                Path root = jar.getPath("/crm/" + name);
                for (Path p : files.toList()) {
                    Path to = target.resolve(root.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.toAbsolutePath().getParent());
                        Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

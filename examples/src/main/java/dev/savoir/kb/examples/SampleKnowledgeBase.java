package dev.savoir.kb.examples;

import dev.savoir.kb.Actor;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.KnowledgeBaseBuilder;
import dev.savoir.kb.Role;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.ImportReport;
import dev.savoir.kb.io.MarkdownFormat;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bundled sample knowledge base (Lumo, a fictional smart-lighting company, in English and French): a folder of
 * Markdown files with YAML front matter in this module's resources, imported with kb-core's Markdown import into a
 * knowledge base with the Lucene search engine and the Markdown renderer.
 */
public final class SampleKnowledgeBase {
    /** The knowledge manager who imports the sample (may publish, so imported states are kept). */
    public static final Actor ADMIN = Actor.of("knowledge.manager@lumo.example", Role.ADMIN);

    private SampleKnowledgeBase() {
    }

    /** A knowledge base in {@code folder} wired the way a host would: Lucene search, Markdown rendering. */
    public static KnowledgeBaseBuilder builder(Path folder, Clock clock) {
        return KnowledgeBase.builder()
                .directory(folder)
                .clock(clock)
                .searchEngine(LuceneSearchEngine.factory())
                .renderer(MarkdownRenderer.create())
                .linkResolver((id, locale) -> "/articles/" + id.value() + "?lang=" + locale.toLanguageTag());
    }

    /** Where the sample's images are kept (the store keeps no files): {@code attachments/} in the folder. */
    public static Path attachments(Path folder) {
        return folder.resolve("attachments");
    }

    /** Opens a knowledge base in {@code folder}, importing the sample into it when it is empty. */
    public static KnowledgeBase open(Path folder, Clock clock) {
        KnowledgeBase kb = builder(folder, clock).build();
        if (kb.size() == 0) {
            ImportReport report = importSample(kb, attachments(folder));
            System.out.printf("Imported the sample knowledge base: %d articles, %d translations%n",
                    report.imported(), report.translations());
        }
        return kb;
    }

    /**
     * Imports the bundled sample into {@code kb}, keeping each article's state (published, draft, archived...), and
     * copies its images into {@code attachments}.
     */
    public static ImportReport importSample(KnowledgeBase kb, Path attachments) {
        Path folder = extract();
        ImportReport report = MarkdownFormat.builder().attachments(attachments).build().importFolder(kb, ADMIN,
                folder, ImportOptions.builder().keepStates(true).build());
        kb.refresh();
        return report;
    }

    /** The sample folder on disk (copied out of the jar when the examples run from one). */
    static Path extract() {
        URL url = SampleKnowledgeBase.class.getResource("/sample-kb/README.md");
        if (url == null) {
            throw new IllegalStateException("the sample knowledge base is missing from the classpath");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("file")) {
                return Path.of(uri).getParent();
            }
            Path target = TempFolder.create("savoir-sample-kb");
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of());
                 Stream<Path> files = Files.walk(jar.getPath("/sample-kb"))) {
                for (Path p : files.toList()) {
                    Path out = target.resolve(jar.getPath("/sample-kb").relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(out);
                    } else {
                        Files.copy(p, out, StandardCopyOption.REPLACE_EXISTING);
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

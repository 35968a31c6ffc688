package dev.savoir.modulecheck;

import dev.savoir.kb.Actor;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.Visibility;

import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.ImportReport;
import dev.savoir.kb.io.JsonFormat;
import dev.savoir.kb.io.MarkdownFormat;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The child JVM of {@link ModulePathIT}: runs with kb-core as a named module on the module path (so that only the
 * packages its module-info opens are open to Jackson) and uses every persisted format: the file store (written,
 * reopened from its log alone), the JSON export and import (with feedback aggregates, which land in the feedback
 * log), the Markdown export. Prints {@code OK <details>} on success; any failure ends it with a stack trace.
 */
public final class ModulePathChild {
    private ModulePathChild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Actor admin = Actor.of("admin@example.com", Role.ADMIN);
        if (!KnowledgeBase.class.getModule().isNamed()) {
            throw new IllegalStateException("kb-core is not on the module path: " + KnowledgeBase.class.getModule());
        }
        Path export = root.resolve("kb.json");
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(root.resolve("one")).requireReview(false).build()) {
            kb.create(admin, NewArticle.builder("reset-password").category("Account > Password")
                    .visibility(Visibility.segments("partners")).locale(Locale.ENGLISH).title("Reset your password")
                    .summary("How.").body("# Reset\n\nOpen **Settings**.").build());
            try (OutputStream out = Files.newOutputStream(export)) {
                JsonFormat.create().export(kb, admin, out);
            }
            MarkdownFormat.create().exportFolder(kb, admin, root.resolve("markdown"));
        }
        Files.delete(root.resolve("one").resolve("store").resolve("checkpoint.bin"));
        int reopened;
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(root.resolve("one")).build()) {
            reopened = kb.size();
        }
        ImportReport report;
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(root.resolve("two")).build()) {
            report = JsonFormat.create().importFrom(kb, admin, export, ImportOptions.builder().keepStates(true)
                    .build());
        }
        int imported;
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(root.resolve("two")).build()) {
            imported = kb.size();
        }
        System.out.println("OK reopened=" + reopened + " imported=" + report.imported() + " reopenedImport="
                + imported);
    }
}

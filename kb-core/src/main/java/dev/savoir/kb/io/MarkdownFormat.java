package dev.savoir.kb.io;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KbException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.io.Importer;
import dev.savoir.kb.internal.io.IoSupport;
import dev.savoir.kb.internal.io.MarkdownCodec;
import dev.savoir.kb.internal.io.SafeFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Markdown files with YAML front matter, in a ZIP file or a plain folder: what people write by hand and what other
 * tools read.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * Account/                                 one folder per category segment ("Account &gt; Password")
 *   Password/
 *     reset-password.en.md                 one file per translation: &lt;id&gt;.&lt;locale&gt;.md
 *     reset-password.fr.md
 *     reset-password.en.draft.md           a pending draft of a published translation (export only, optional)
 *     reset-screen.png                     images beside them (png, jpg, gif, svg, webp), in any sub-folder
 * .history/Account/Password/
 *     reset-password.en.1.md               every older revision: &lt;id&gt;.&lt;locale&gt;.&lt;n&gt;.md
 *     reset-password.audit.json            the audit trail and feedback aggregates (JSON)
 * README.md                                README.md files are skipped
 * </pre>
 *
 * <p>Folder names are the category segments, with characters that file systems refuse ({@code % \ : * ? " < > |},
 * control characters, a leading dot, a trailing dot or space) written as {@code %XX}.
 *
 * <h2>Front matter</h2>
 *
 * <pre>
 * ---
 * id: reset-password
 * locale: en
 * title: Reset your password
 * summary: One sentence.
 * tags: [password, login]          # the translation's localized keywords
 * type: how-to                     # faq | how-to | troubleshooting | response-script | glossary | host-defined
 * visibility: public               # public | internal | segments:partners,premium
 * state: published                 # draft | in_review | approved | scheduled | published | archived
 * owner: camille@lumo.example
 * source: true                     # true on the source translation
 * translated_from: 2               # non-source translations: the source revision they were translated from
 * revision: 2                      # the revision this file holds (default 1)
 * review_interval_days: 180
 * last_verified: 2026-09-15
 * attributes: {product: lumo-app}
 * ---
 * Markdown body, kept byte for byte
 * </pre>
 *
 * <p>Only {@code id} and {@code locale} are required; the file name must be {@code <id>.<locale>.md}. Article-level
 * keys ({@code type}, {@code visibility}, {@code owner}, {@code attributes}, {@code review_interval_days},
 * {@code last_verified}, {@code article_tags}) are read from the source translation's file and ignored elsewhere;
 * defaults are type {@code faq}, visibility {@code internal}, state {@code draft}. Unknown keys are refused, so that a
 * typo is not silently lost. A hand-written file with {@code revision: 3} and no history gets revisions 1 and 2 as
 * copies of its content, so that {@code translated_from} keeps its meaning. Exports also write the exact timestamps,
 * authors and notes ({@code created}, {@code author}, {@code note}, {@code article_created}, {@code verified_at},
 * {@code published_at}, ...), so that an export imported with {@code keepStates} gives back every article with the
 * same states and revisions.
 *
 * <h2>Images</h2>
 *
 * <p>The store keeps no files. Images round-trip through an attachments folder the host owns: with
 * {@link Builder#attachments(Path)}, an import copies the images of the ZIP or folder there (same relative paths,
 * after the articles were written) and an export writes them back; without it, an import leaves images out and lists
 * them in {@link ImportReport#skipped()}.
 *
 * <h2>Hostile input</h2>
 *
 * <p>ZIP entries are read in memory, never extracted: names with {@code ..}, absolute or drive paths, duplicate
 * names, more than {@link Builder#maxEntries(int)} entries, an entry over {@link Builder#maxEntryBytes(long)}, a
 * total over {@link Builder#maxTotalBytes(long)} or an entry inflating more than
 * {@link Builder#maxCompressionRatio(int)} times refuse the import before anything is written; so do symbolic links
 * in a folder. The whole archive is held in memory while it is imported (within these limits): for very large
 * knowledge bases use {@link JsonFormat}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class MarkdownFormat {
    /** The default largest number of entries of a ZIP file or folder. */
    public static final int DEFAULT_MAX_ENTRIES = 200_000;
    /** The default largest entry, uncompressed (64 MiB). */
    public static final long DEFAULT_MAX_ENTRY_BYTES = 64L << 20;
    /** The default largest total, uncompressed (512 MiB). */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 512L << 20;
    /** The default largest compression ratio of an entry over 1 MiB. */
    public static final int DEFAULT_MAX_COMPRESSION_RATIO = 100;

    private final SafeFiles.Limits limits;
    private final @Nullable Path attachments;

    private MarkdownFormat(Builder b) {
        this.limits = new SafeFiles.Limits(b.maxEntries, b.maxEntryBytes, b.maxTotalBytes, b.maxRatio);
        this.attachments = b.attachments;
    }

    /** The format with the default limits and no attachments folder. */
    public static MarkdownFormat create() {
        return builder().build();
    }

    /** Starts configuring the format. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes every article as a ZIP file (and the attachments folder's images). The stream is finished, not closed.
     *
     * @param actor an actor allowed to read drafts
     * @return the number of articles written
     */
    public long exportZip(KnowledgeBase kb, Actor actor, OutputStream out) {
        Check.notNull("kb", kb);
        Check.notNull("actor", actor);
        Check.notNull("out", out);
        try (ZipOutputStream zip = new ZipOutputStream(IoSupport.nonClosing(out))) {
            return export(kb, actor, (path, data) -> {
                zip.putNextEntry(new ZipEntry(path));
                zip.write(data);
                zip.closeEntry();
            });
        } catch (IOException e) {
            throw new KbException("writing the ZIP export failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes every article into a folder, which must not exist or be empty.
     *
     * @return the number of articles written
     */
    public long exportFolder(KnowledgeBase kb, Actor actor, Path dir) {
        Check.notNull("kb", kb);
        Check.notNull("actor", actor);
        Check.notNull("dir", dir);
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new KbException("the export folder " + dir + " is not empty: choose a new folder");
                    }
                }
            }
            Files.createDirectories(dir);
            return export(kb, actor, (path, data) -> {
                Path target = dir.resolve(path);
                Files.createDirectories(target.getParent());
                Files.write(target, data);
            });
        } catch (IOException e) {
            throw new KbException("writing the folder export failed: " + e.getMessage(), e);
        }
    }

    /**
     * Imports a ZIP file written by {@link #exportZip} or by hand.
     *
     * @throws ImportRejectedException if the ZIP file is malformed or hostile, or a file is invalid (each listed);
     *     nothing was written
     */
    public ImportReport importZip(KnowledgeBase kb, Actor actor, Path zip, ImportOptions options) {
        Check.notNull("kb", kb);
        Check.notNull("actor", actor);
        Check.notNull("zip", zip);
        Check.notNull("options", options);
        String name = String.valueOf(zip.getFileName());
        return importEntries(kb, actor, name, SafeFiles.readZip(zip, limits, this::keep), options);
    }

    /**
     * Imports a folder written by {@link #exportFolder} or by hand (the bundled sample knowledge base is one).
     *
     * @throws ImportRejectedException if the folder holds a symbolic link, is over the limits, or a file is invalid
     *     (each listed); nothing was written
     */
    public ImportReport importFolder(KnowledgeBase kb, Actor actor, Path dir, ImportOptions options) {
        Check.notNull("kb", kb);
        Check.notNull("actor", actor);
        Check.notNull("dir", dir);
        Check.notNull("options", options);
        String name = String.valueOf(dir.getFileName());
        return importEntries(kb, actor, name, SafeFiles.readFolder(dir, limits, this::keep), options);
    }

    private boolean keep(String path) {
        return attachments != null || !MarkdownCodec.isImage(path);
    }

    private ImportReport importEntries(KnowledgeBase kb, Actor actor, String name, List<SafeFiles.Entry> entries,
                                       ImportOptions options) {
        MarkdownCodec.Found found = MarkdownCodec.read(name, entries, actor.id(), Instant.now());
        List<String> skipped = new ArrayList<>(found.skipped());
        if (attachments == null) {
            found.images().forEach(i -> skipped.add(i.path() + ": image left out (no attachments folder is "
                    + "configured on the MarkdownFormat)"));
        }
        return Importer.run(kb::articleIds, kb::importArchives, new InputLimits(kb.maxBodyBytes()), actor,
                sink -> found.records().forEach(sink), options, skipped,
                () -> copyImages(found.images()));
    }

    private long copyImages(List<SafeFiles.Entry> images) {
        Path root = attachments;
        if (root == null) {
            return 0;
        }
        long n = 0;
        try {
            Path base = root.toAbsolutePath().normalize();
            for (SafeFiles.Entry image : images) {
                Path target = base.resolve(image.path()).normalize();
                if (!target.startsWith(base) || Files.isSymbolicLink(target) || image.data() == null) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.write(target, image.data());
                n++;
            }
        } catch (IOException e) {
            throw new KbException("the articles were imported, but copying the images to " + root + " failed: "
                    + e.getMessage(), e);
        }
        return n;
    }

    @FunctionalInterface
    private interface Sink {
        void put(String path, byte[] data) throws IOException;
    }

    private long export(KnowledgeBase kb, Actor actor, Sink sink) throws IOException {
        long n = 0;
        for (ArticleId id : kb.articleIds()) {
            for (MarkdownCodec.Out f : MarkdownCodec.export(kb.exportArchive(actor, id))) {
                sink.put(f.path(), f.data());
            }
            n++;
        }
        Path root = attachments;
        if (root != null && Files.isDirectory(root)) {
            Set<String> seen = new HashSet<>();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = root.relativize(file).toString().replace('\\', '/');
                    if (attrs.isRegularFile() && !attrs.isSymbolicLink() && MarkdownCodec.isImage(rel)
                            && seen.add(rel)) {
                        sink.put(rel, Files.readAllBytes(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return n;
    }

    /** Configures a {@link MarkdownFormat}; each option may be set once. Not thread-safe. */
    public static final class Builder {
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private long maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES;
        private long maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES;
        private int maxRatio = DEFAULT_MAX_COMPRESSION_RATIO;
        private @Nullable Path attachments;
        private final Set<String> set = new HashSet<>();

        private Builder() {
        }

        private void once(String option) {
            if (!set.add(option)) {
                throw new InvalidArgumentException(option, "was already set on this builder: set each option once");
            }
        }

        /** The largest number of entries (files and folders) of a ZIP file or folder (default 200,000). */
        public Builder maxEntries(int entries) {
            once("maxEntries");
            this.maxEntries = Check.range("maxEntries", entries, 1, Integer.MAX_VALUE);
            return this;
        }

        /** The largest entry, uncompressed, in bytes (default 64 MiB). */
        public Builder maxEntryBytes(long bytes) {
            once("maxEntryBytes");
            if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
                throw new InvalidArgumentException("maxEntryBytes", "must be between 1 and 2 GiB ("
                        + (Integer.MAX_VALUE - 8) + " bytes), got " + bytes);
            }
            this.maxEntryBytes = bytes;
            return this;
        }

        /** The largest total, uncompressed, in bytes (default 512 MiB); the import holds it in memory. */
        public Builder maxTotalBytes(long bytes) {
            once("maxTotalBytes");
            this.maxTotalBytes = Check.atLeast("maxTotalBytes", bytes, 1);
            return this;
        }

        /** How many times an entry over 1 MiB may inflate (default 100). */
        public Builder maxCompressionRatio(int ratio) {
            once("maxCompressionRatio");
            this.maxRatio = Check.atLeast("maxCompressionRatio", ratio, 2);
            return this;
        }

        /**
         * The host's folder of article images: imports copy images there, exports write its images into the ZIP
         * file or folder. Without it, imports leave images out.
         */
        public Builder attachments(Path folder) {
            once("attachments");
            this.attachments = Check.notNull("attachments", folder);
            return this;
        }

        /** The format; the builder may be used again. */
        public MarkdownFormat build() {
            return new MarkdownFormat(this);
        }
    }
}

package dev.savoir.kb.imports.internal;

import dev.savoir.kb.KbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The files an import writes into the host's attachments folder once every article was written: images taken out of
 * HTML bodies ({@code data:} URIs) and the attachment files of an export folder. Names are made safe (letters,
 * digits, {@code . _ -}; no leading dot; at most 100 characters) and unique per article; every target is resolved
 * inside the folder and a symbolic link there is never followed. Not thread-safe: one per import.
 */
public final class Attachments {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final int MAX_NAME = 100;

    /** One file to write: its path under the folder, and its bytes or the file to copy them from. */
    public record Pending(String path, byte @Nullable [] data, @Nullable Path source) {
    }

    private final @Nullable Path root;
    private final String urlPrefix;
    private final List<Pending> pending = new ArrayList<>();

    /**
     * @param root the host's attachments folder, or null when the import keeps no attachments
     * @param urlPrefix what the Markdown links put before a file's path under the folder
     */
    public Attachments(@Nullable Path root, String urlPrefix) {
        this.root = root;
        this.urlPrefix = urlPrefix;
    }

    /** Whether a folder is configured (else attachments are left out and reported). */
    public boolean enabled() {
        return root != null;
    }

    /** A safe file name: unsafe runs become {@code -}, no leading dot, at most 100 characters, never empty. */
    public static String safeName(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String safe = UNSAFE.matcher(base).replaceAll("-").replaceAll("^[.-]+", "");
        if (safe.length() > MAX_NAME) {
            int dot = safe.lastIndexOf('.');
            String ext = dot > 0 && safe.length() - dot <= 10 ? safe.substring(dot) : "";
            safe = safe.substring(0, MAX_NAME - ext.length()) + ext;
        }
        return safe.isEmpty() ? "file" : safe;
    }

    /** Starts the files of one article, kept only if the article is {@link Scope#commit() committed}. */
    public Scope scope(String articleFolder) {
        return new Scope(safeName(articleFolder));
    }

    /** The files of one article, under its own folder. Not thread-safe. */
    public final class Scope {
        private final String folder;
        private final Map<String, Pending> taken = new HashMap<>();
        private final List<Pending> files = new ArrayList<>();

        private Scope(String folder) {
            this.folder = folder;
        }

        /** Whether an attachments folder is configured. */
        public boolean enabled() {
            return root != null;
        }

        /**
         * Adds a file and returns the link the Markdown body uses for it. A second file with the same name gets
         * {@code -2}, {@code -3}... before its extension; the same file added twice is written once.
         *
         * @param name the file's name as the source gives it (made safe here)
         */
        public String add(String name, byte @Nullable [] data, @Nullable Path source) {
            String safe = safeName(name);
            String path = folder + "/" + safe;
            int n = 2;
            Pending same;
            while ((same = taken.putIfAbsent(path.toLowerCase(Locale.ROOT), new Pending(path, data, source)))
                    != null) {
                if (Arrays.equals(same.data(), data) && Objects.equals(same.source(), source)) {
                    return urlPrefix + same.path();
                }
                int dot = safe.lastIndexOf('.');
                path = folder + "/" + (dot > 0 ? safe.substring(0, dot) + "-" + n + safe.substring(dot)
                        : safe + "-" + n);
                n++;
            }
            files.add(new Pending(path, data, source));
            return urlPrefix + path;
        }

        /** Keeps this article's files for {@link #write()}. */
        public void commit() {
            pending.addAll(files);
            files.clear();
        }
    }

    /** The files waiting to be written. */
    public List<Pending> pending() {
        return List.copyOf(pending);
    }

    /**
     * Writes every pending file (after the articles were written).
     *
     * @return the number of files written
     * @throws KbException if the folder cannot be written; the articles stay imported
     */
    public long write() {
        Path folder = root;
        if (folder == null) {
            return 0;
        }
        long n = 0;
        try {
            Path base = folder.toAbsolutePath().normalize();
            Files.createDirectories(base);
            for (Pending p : pending) {
                Path target = base.resolve(p.path()).normalize();
                if (!target.startsWith(base) || Files.isSymbolicLink(target)
                        || Files.isSymbolicLink(target.getParent())) {
                    throw new KbException("the attachment " + p.path() + " would be written outside " + folder
                            + " or through a symbolic link: refused");
                }
                Files.createDirectories(target.getParent());
                if (p.data() != null) {
                    Files.write(target, p.data());
                } else if (p.source() != null) {
                    Files.copy(p.source(), target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                }
                n++;
            }
        } catch (IOException e) {
            throw new KbException("the articles were imported, but writing the attachments to " + folder
                    + " failed: " + e.getMessage(), e);
        }
        return n;
    }
}

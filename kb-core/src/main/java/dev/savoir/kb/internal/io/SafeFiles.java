package dev.savoir.kb.internal.io;

import dev.savoir.kb.io.ImportRejectedException;
import dev.savoir.kb.io.RejectedRecord;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the files of a ZIP archive or a folder into memory, refusing anything hostile before a byte is used: entry
 * names with {@code ..}, absolute or drive paths, duplicate names, symbolic links (folders), more entries than
 * allowed, an entry or a total over the size limits, or an entry that inflates more than the allowed ratio (a ZIP
 * bomb is stopped after at most the ratio times what was read, never inflated whole). ZIP entries are never
 * extracted to disk, so a symbolic link stored in a ZIP is only a small file with a path in it.
 */
public final class SafeFiles {
    /** Entries below this size are not held to the compression ratio (tiny files compress very well). */
    static final long RATIO_GRACE_BYTES = 1 << 20;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    /** The limits of one archive. */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxCompressionRatio) {
    }

    /** One file: its relative path with {@code /} separators, and its bytes (null when not kept). */
    public record Entry(String path, byte @org.jspecify.annotations.Nullable [] data, long size) {
    }

    private SafeFiles() {
    }

    /**
     * Reads a ZIP file.
     *
     * @param keep which entries' bytes to keep; the others are read (and checked) but dropped
     */
    public static List<Entry> readZip(Path zip, Limits limits, Predicate<String> keep) {
        String name = String.valueOf(zip.getFileName());
        List<Entry> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (InputStream file = Files.newInputStream(zip)) {
            byte[] magic = file.readNBytes(4);
            if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || !((magic[2] == 3 && magic[3] == 4)
                    || (magic[2] == 5 && magic[3] == 6))) {
                throw refuse(name, "not a ZIP file");
            }
            Counting raw = new Counting(file);
            raw.count = 4;
            try (ZipInputStream in = new ZipInputStream(new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(magic), raw), StandardCharsets.UTF_8)) {
                long total = 0;
                ZipEntry e;
                while ((e = in.getNextEntry()) != null) {
                    String path = checkName(name, e.getName());
                    if (names.size() >= limits.maxEntries()) {
                        throw refuse(name, "more than " + limits.maxEntries() + " entries");
                    }
                    if (!names.add(path)) {
                        throw refuse(name + "!" + path, "the entry appears twice in the ZIP file");
                    }
                    if (e.isDirectory()) {
                        continue;
                    }
                    boolean kept = keep.test(path);
                    ByteArrayOutputStream buf = kept ? new ByteArrayOutputStream() : null;
                    long startRaw = raw.count;
                    long size = 0;
                    byte[] chunk = new byte[8192];
                    int n;
                    while ((n = in.read(chunk)) > 0) {
                        size += n;
                        total += n;
                        if (size > limits.maxEntryBytes()) {
                            throw refuse(name + "!" + path, "the entry is larger than " + limits.maxEntryBytes()
                                    + " bytes");
                        }
                        if (total > limits.maxTotalBytes()) {
                            throw refuse(name, "the ZIP file holds more than " + limits.maxTotalBytes()
                                    + " bytes uncompressed");
                        }
                        long compressed = Math.max(1, raw.count - startRaw);
                        if (size > RATIO_GRACE_BYTES && size / compressed > limits.maxCompressionRatio()) {
                            throw refuse(name + "!" + path, "the entry inflates more than "
                                    + limits.maxCompressionRatio() + " times (a ZIP bomb?)");
                        }
                        if (buf != null) {
                            buf.write(chunk, 0, n);
                        }
                    }
                    out.add(new Entry(path, buf == null ? null : buf.toByteArray(), size));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImportRejectedException r) {
                throw r;
            }
            throw refuse(name, "not a valid ZIP file: " + IoSupport.reason(e));
        }
        return out;
    }

    /** Reads a folder, refusing symbolic links and anything that is neither a file nor a folder. */
    public static List<Entry> readFolder(Path dir, Limits limits, Predicate<String> keep) {
        String name = String.valueOf(dir.getFileName());
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw refuse(name, "not a folder (or a symbolic link to one)");
        }
        List<Entry> out = new ArrayList<>();
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String path = checkName(name, dir.relativize(file).toString().replace('\\', '/'));
                    if (attrs.isSymbolicLink()) {
                        throw refuse(name + "/" + path, "symbolic links are refused: copy the file instead");
                    }
                    if (!attrs.isRegularFile()) {
                        throw refuse(name + "/" + path, "not a regular file");
                    }
                    if (out.size() >= limits.maxEntries()) {
                        throw refuse(name, "more than " + limits.maxEntries() + " files");
                    }
                    if (attrs.size() > limits.maxEntryBytes()) {
                        throw refuse(name + "/" + path, "the file is larger than " + limits.maxEntryBytes()
                                + " bytes");
                    }
                    total[0] += attrs.size();
                    if (total[0] > limits.maxTotalBytes()) {
                        throw refuse(name, "the folder holds more than " + limits.maxTotalBytes() + " bytes");
                    }
                    byte[] data = null;
                    if (keep.test(path)) {
                        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                            data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxEntryBytes() + 1));
                        }
                        if (data.length > limits.maxEntryBytes()) {
                            throw refuse(name + "/" + path, "the file grew past " + limits.maxEntryBytes()
                                    + " bytes while it was read");
                        }
                    }
                    out.add(new Entry(path, data, attrs.size()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink()) {
                        throw refuse(name + "/" + dir.relativize(d), "symbolic links are refused");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw refuse(name, "cannot read the folder: " + e);
        }
        out.sort(java.util.Comparator.comparing(Entry::path));
        return out;
    }

    /** Checks and normalizes an entry name: relative, no {@code ..}, no drive, no control characters. */
    static String checkName(String archive, String raw) {
        String p = raw.replace('\\', '/');
        if (p.startsWith("/") || DRIVE.matcher(p).matches()) {
            throw refuse(archive + "!" + IoSupport.printable(raw), "absolute paths are refused");
        }
        if (p.length() > 1_000 || p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw refuse(archive + "!" + IoSupport.printable(raw), "the name is too long or has control characters");
        }
        List<String> parts = new ArrayList<>();
        for (String s : p.split("/", -1)) {
            if (s.equals("..")) {
                throw refuse(archive + "!" + IoSupport.printable(raw), "paths with '..' are refused");
            }
            if (!s.isEmpty() && !s.equals(".")) {
                parts.add(s);
            }
        }
        if (parts.isEmpty()) {
            throw refuse(archive + "!" + IoSupport.printable(raw), "an empty name");
        }
        return String.join("/", parts) + (p.endsWith("/") ? "/" : "");
    }

    static ImportRejectedException refuse(String where, String reason) {
        return new ImportRejectedException(List.of(new RejectedRecord(where, 0, null, reason)), 0);
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}

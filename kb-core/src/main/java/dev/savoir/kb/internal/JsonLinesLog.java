package dev.savoir.kb.internal;

import dev.savoir.kb.StoreException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectReader;

/**
 * An append-only file of JSON lines for feedback and analytics events. {@link #append} buffers; {@link #sync}
 * flushes and fsyncs. On {@link #replay}, a torn last line (a crash during a write) is cut off; a damaged line in the
 * middle is skipped with a warning, since these events are statistics, not articles. Not thread-safe: callers
 * serialize access.
 */
public final class JsonLinesLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesLog.class);

    private final Path file;
    private FileChannel channel;
    private BufferedWriter writer;

    /** Opens (creating) the file for appending. */
    public JsonLinesLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            boolean created = !Files.exists(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (created) {
                channel.force(true);
                try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                    dir.force(true);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /**
     * Reads every complete line into {@code sink}, cuts off a torn last line, and positions the log for appending.
     *
     * @return the number of events read
     */
    public <T> long replay(Class<T> type, Consumer<T> sink) {
        return replay(type, 0, sink);
    }

    /**
     * Like {@link #replay(Class, Consumer)}, but reads only the lines from byte {@code from} on (the start of a line,
     * at most the file's size), the ones before it being already accounted for by the caller.
     *
     * @return the number of events read
     */
    public <T> long replay(Class<T> type, long from, Consumer<T> sink) {
        long count = 0;
        long goodEnd = from;
        try {
            if (from < 0 || from > channel.size()) {
                throw new IllegalArgumentException("cannot replay " + file + " from byte " + from + ": it holds "
                        + channel.size() + " bytes");
            }
            channel.position(from);
            // Bytes in bulk, split at '\n' (never part of a multi-byte UTF-8 character), each line parsed from the
            // bytes: opening a day of analytics reads tens of thousands of lines.
            InputStream in = Channels.newInputStream(channel);
            ObjectReader reader = Json.mapper().readerFor(type);
            byte[] buf = new byte[1 << 16];
            byte[] line = new byte[1 << 10];
            int lineLength = 0;
            long lineNo = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                int lineStart = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        continue;
                    }
                    byte[] src = buf;
                    int offset = lineStart;
                    int length = i - lineStart;
                    if (lineLength > 0) {
                        line = append(line, lineLength, buf, lineStart, length);
                        src = line;
                        offset = 0;
                        length += lineLength;
                        lineLength = 0;
                    }
                    lineNo++;
                    try {
                        sink.accept(reader.readValue(src, offset, length));
                        count++;
                    } catch (RuntimeException e) {
                        LOG.warn("{}: skipping damaged line {} ({})", file, lineNo, e.getMessage());
                    }
                    goodEnd += length + 1;
                    lineStart = i + 1;
                }
                line = append(line, lineLength, buf, lineStart, n - lineStart);
                lineLength += n - lineStart;
            }
            if (goodEnd < channel.size()) {
                LOG.warn("{}: cutting off {} bytes of an interrupted last write", file, channel.size() - goodEnd);
                channel.truncate(goodEnd);
                channel.force(true);
            }
            channel.position(goodEnd);
            writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                    StandardCharsets.UTF_8), 1 << 16);
            return count;
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code line} (holding {@code used} bytes) with {@code length} bytes of {@code src} appended, grown if needed. */
    private static byte[] append(byte[] line, int used, byte[] src, int from, int length) {
        byte[] out = line;
        if (used + length > out.length) {
            out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, used + length));
        }
        System.arraycopy(src, from, out, used, length);
        return out;
    }

    /**
     * Reads every readable line of a log file into {@code sink}, without opening it for appending (damaged lines are
     * skipped); nothing when the file does not exist.
     */
    public static <T> void read(Path file, Class<T> type, Consumer<T> sink) {
        if (!Files.exists(file)) {
            return;
        }
        ObjectReader reader = Json.mapper().readerFor(type);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                T event;
                try {
                    event = reader.readValue(line);
                } catch (RuntimeException e) {
                    continue;
                }
                if (event != null) {
                    sink.accept(event);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites a closed log file keeping only the lines whose event {@code keep} accepts (damaged lines and a torn
     * last line are dropped too): the kept lines go to a temporary file, which is synced and then renamed over the
     * log, so that a crash leaves the old file or the new one, and the dropped lines are gone from the file, not
     * only hidden. Does nothing when every line is kept.
     *
     * @return the number of lines dropped
     */
    public static <T> long rewrite(Path file, Class<T> type, Predicate<T> keep) {
        if (!Files.exists(file)) {
            return 0;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".rewrite");
        ObjectReader reader = Json.mapper().readerFor(type);
        long dropped = 0;
        try {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    T event;
                    try {
                        event = reader.readValue(line);
                    } catch (RuntimeException e) {
                        dropped++;
                        continue;
                    }
                    if (event != null && keep.test(event)) {
                        out.write(line);
                        out.write('\n');
                    } else {
                        dropped++;
                    }
                }
            }
            if (dropped == 0) {
                Files.delete(tmp);
                return 0;
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
            return dropped;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The failure below says what went wrong.
            }
            throw new StoreException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
    }

    /** Buffers one event; durable after the next {@link #sync()}. */
    public void append(Object event) {
        try {
            if (writer == null) {
                replay(Object.class, e -> { });
            }
            writer.write(Json.mapper().writeValueAsString(event));
            writer.write('\n');
        } catch (IOException e) {
            throw new StoreException("cannot write to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The size of the file with every event appended so far written (flushed, not necessarily synced). */
    public long size() {
        try {
            if (writer != null) {
                writer.flush();
            }
            return channel.size();
        } catch (IOException e) {
            throw new StoreException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Flushes buffered events and fsyncs them. */
    public void sync() {
        try {
            if (writer != null) {
                writer.flush();
            }
            channel.force(false);
        } catch (IOException e) {
            throw new StoreException("cannot sync " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.flush();
            }
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing {} failed: {}", file, e.getMessage());
        }
    }
}

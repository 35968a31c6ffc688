package dev.savoir.kb.reliability;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file system over the default one whose disk fills up: once {@link #setFreeBytes(long)} bytes have been written
 * (through any channel or stream), writes write what still fits and then fail with
 * {@code IOException("No space left on device")}, as a full Linux disk does. Reading, truncating, deleting and
 * renaming keep working. Paths from {@link #wrap(Path)} carry this provider, so that {@code FileChannel.open(path)}
 * and {@code Files.*} go through it.
 */
final class FullDiskFileSystem extends FileSystem {
    private final FileSystem base = FileSystems.getDefault();
    private final Provider provider = new Provider();
    private final AtomicLong free = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong refusedWrites = new AtomicLong();

    /** How many more bytes may be written before the disk is full. */
    void setFreeBytes(long bytes) {
        free.set(bytes);
    }

    long refusedWrites() {
        return refusedWrites.get();
    }

    Path wrap(Path p) {
        return new FullPath(this, p);
    }

    private static Path unwrap(Path p) {
        return p instanceof FullPath f ? f.delegate : p;
    }

    /** Takes up to {@code wanted} bytes of the free space; 0 when full. */
    private int reserve(int wanted) {
        while (true) {
            long f = free.get();
            int take = (int) Math.min(f, wanted);
            if (free.compareAndSet(f, f - take)) {
                return take;
            }
        }
    }

    private IOException full() {
        refusedWrites.incrementAndGet();
        return new IOException("No space left on device");
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // the default file system cannot be closed
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return base.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        List<Path> out = new ArrayList<>();
        base.getRootDirectories().forEach(p -> out.add(wrap(p)));
        return out;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return base.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return base.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(base.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher m = base.getPathMatcher(syntaxAndPattern);
        return p -> m.matches(unwrap(p));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return base.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() throws IOException {
        return base.newWatchService();
    }

    // ------------------------------------------------------------------ path

    private static final class FullPath implements Path {
        private final FullDiskFileSystem fs;
        private final Path delegate;

        FullPath(FullDiskFileSystem fs, Path delegate) {
            this.fs = fs;
            this.delegate = delegate;
        }

        private Path w(Path p) {
            return p == null ? null : new FullPath(fs, p);
        }

        @Override
        public FileSystem getFileSystem() {
            return fs;
        }

        @Override
        public boolean isAbsolute() {
            return delegate.isAbsolute();
        }

        @Override
        public Path getRoot() {
            return w(delegate.getRoot());
        }

        @Override
        public Path getFileName() {
            return w(delegate.getFileName());
        }

        @Override
        public Path getParent() {
            return w(delegate.getParent());
        }

        @Override
        public int getNameCount() {
            return delegate.getNameCount();
        }

        @Override
        public Path getName(int index) {
            return w(delegate.getName(index));
        }

        @Override
        public Path subpath(int beginIndex, int endIndex) {
            return w(delegate.subpath(beginIndex, endIndex));
        }

        @Override
        public boolean startsWith(Path other) {
            return delegate.startsWith(unwrap(other));
        }

        @Override
        public boolean endsWith(Path other) {
            return delegate.endsWith(unwrap(other));
        }

        @Override
        public Path normalize() {
            return w(delegate.normalize());
        }

        @Override
        public Path resolve(Path other) {
            return w(delegate.resolve(unwrap(other)));
        }

        @Override
        public Path relativize(Path other) {
            return w(delegate.relativize(unwrap(other)));
        }

        @Override
        public URI toUri() {
            return delegate.toUri();
        }

        @Override
        public Path toAbsolutePath() {
            return w(delegate.toAbsolutePath());
        }

        @Override
        public Path toRealPath(LinkOption... options) throws IOException {
            return w(delegate.toRealPath(options));
        }

        @Override
        public File toFile() {
            return delegate.toFile();
        }

        @Override
        public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
                throws IOException {
            return delegate.register(watcher, events, modifiers);
        }

        @Override
        public int compareTo(Path other) {
            return delegate.compareTo(unwrap(other));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FullPath f && f.delegate.equals(delegate);
        }

        @Override
        public int hashCode() {
            return delegate.hashCode();
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }

    // ------------------------------------------------------------------ channel

    private final class QuotaChannel extends FileChannel {
        private final FileChannel d;

        QuotaChannel(FileChannel d) {
            this.d = d;
        }

        private int limited(ByteBuffer src, IoWrite op) throws IOException {
            int wanted = src.remaining();
            if (wanted == 0) {
                return 0;
            }
            int allowed = reserve(wanted);
            if (allowed == 0) {
                throw full();
            }
            ByteBuffer slice = src.slice().limit(allowed);
            int n = op.write(slice);
            src.position(src.position() + n);
            free.addAndGet(allowed - n);
            return n;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return d.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return d.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return limited(src, d::write);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += write(srcs[i]);
            }
            return n;
        }

        @Override
        public long position() throws IOException {
            return d.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            d.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return d.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            d.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            d.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return d.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
            long done = 0;
            while (done < count) {
                buf.clear().limit((int) Math.min(buf.capacity(), count - done));
                if (src.read(buf) <= 0) {
                    break;
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    done += write(buf, position + done);
                }
            }
            return done;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return d.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return limited(src, b -> d.write(b, position));
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return d.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return d.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return d.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            d.close();
        }
    }

    @FunctionalInterface
    private interface IoWrite {
        int write(ByteBuffer b) throws IOException;
    }

    // ------------------------------------------------------------------ provider

    private final class Provider extends FileSystemProvider {
        private final FileSystemProvider d = base.provider();

        @Override
        public String getScheme() {
            return "fulldisk";
        }

        @Override
        public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileSystem getFileSystem(URI uri) {
            return FullDiskFileSystem.this;
        }

        @Override
        public Path getPath(URI uri) {
            return wrap(d.getPath(uri));
        }

        @Override
        public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            return new QuotaChannel(d.newFileChannel(unwrap(path), options, attrs));
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                                  FileAttribute<?>... attrs) throws IOException {
            return newFileChannel(path, options, attrs);
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
                throws IOException {
            DirectoryStream<Path> s = d.newDirectoryStream(unwrap(dir), p -> filter.accept(wrap(p)));
            return new DirectoryStream<>() {
                @Override
                public Iterator<Path> iterator() {
                    Iterator<Path> it = s.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Path next() {
                            return wrap(it.next());
                        }
                    };
                }

                @Override
                public void close() throws IOException {
                    s.close();
                }
            };
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            d.createDirectory(unwrap(dir), attrs);
        }

        @Override
        public void delete(Path path) throws IOException {
            d.delete(unwrap(path));
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) throws IOException {
            if (reserve(1) == 0) {
                throw full();
            }
            d.copy(unwrap(source), unwrap(target), options);
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) throws IOException {
            d.move(unwrap(source), unwrap(target), options);
        }

        @Override
        public boolean isSameFile(Path path, Path path2) throws IOException {
            return d.isSameFile(unwrap(path), unwrap(path2));
        }

        @Override
        public boolean isHidden(Path path) throws IOException {
            return d.isHidden(unwrap(path));
        }

        @Override
        public FileStore getFileStore(Path path) throws IOException {
            return d.getFileStore(unwrap(path));
        }

        @Override
        public void checkAccess(Path path, AccessMode... modes) throws IOException {
            d.checkAccess(unwrap(path), modes);
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            return d.getFileAttributeView(unwrap(path), type, options);
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
                throws IOException {
            return d.readAttributes(unwrap(path), type, options);
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
                throws IOException {
            return d.readAttributes(unwrap(path), attributes, options);
        }

        @Override
        public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
                throws IOException {
            d.setAttribute(unwrap(path), attribute, value, options);
        }
    }
}

package dev.savoir.kb.io;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.internal.Check;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How an import runs: batch size, whether lifecycle states are kept, whether invalid records are skipped, and a
 * progress callback. Immutable; build one with {@link #builder()}, or take {@link #defaults()}.
 *
 * <pre>{@code
 * ImportOptions options = ImportOptions.builder()
 *         .keepStates(true)                       // the actor must be allowed to publish
 *         .batchSize(1_000)
 *         .onProgress(p -> log.info("{} of {} imported", p.imported(), p.total()))
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class ImportOptions {
    /** The default number of articles written per all-or-nothing batch. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** The largest batch size accepted. */
    public static final int MAX_BATCH_SIZE = 10_000;

    private static final ImportOptions DEFAULTS = builder().build();

    private final int batchSize;
    private final boolean keepStates;
    private final boolean skipInvalid;
    private final Consumer<ImportProgress> progress;

    private ImportOptions(Builder b) {
        this.batchSize = b.batchSize;
        this.keepStates = b.keepStates;
        this.skipInvalid = b.skipInvalid;
        this.progress = b.progress;
    }

    /** Batches of 500, imported as drafts, any invalid record refuses the import, no progress callback. */
    public static ImportOptions defaults() {
        return DEFAULTS;
    }

    /** Starts configuring options. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of articles per all-or-nothing batch. */
    public int batchSize() {
        return batchSize;
    }

    /** Whether lifecycle states are kept (else every translation comes in as a draft). */
    public boolean keepStates() {
        return keepStates;
    }

    /** Whether invalid records are skipped and reported instead of refusing the import. */
    public boolean skipInvalid() {
        return skipInvalid;
    }

    /** The progress callback. */
    public Consumer<ImportProgress> progress() {
        return progress;
    }

    @Override
    public String toString() {
        return "ImportOptions[batchSize=" + batchSize + ", keepStates=" + keepStates + ", skipInvalid=" + skipInvalid
                + "]";
    }

    /** Configures {@link ImportOptions}; each option may be set once. Not thread-safe. */
    public static final class Builder {
        private int batchSize = DEFAULT_BATCH_SIZE;
        private boolean keepStates;
        private boolean skipInvalid;
        private Consumer<ImportProgress> progress = p -> { };
        private final Set<String> set = new HashSet<>();

        private Builder() {
        }

        private void once(String option) {
            if (!set.add(option)) {
                throw new InvalidArgumentException(option, "was already set on this builder: set each option once");
            }
        }

        /**
         * The number of articles written per all-or-nothing batch (default {@value #DEFAULT_BATCH_SIZE}, 1 to
         * {@value #MAX_BATCH_SIZE}).
         */
        public Builder batchSize(int articles) {
            once("batchSize");
            this.batchSize = Check.range("batchSize", articles, 1, MAX_BATCH_SIZE);
            return this;
        }

        /**
         * Keeps every translation's lifecycle state (published, scheduled, archived, a pending draft...) as the file
         * says. This publishes content, so the importing actor must be allowed to publish. Default false: every
         * translation comes in as a draft of its latest revision. CSV imports always create drafts.
         */
        public Builder keepStates(boolean keep) {
            once("keepStates");
            this.keepStates = keep;
            return this;
        }

        /**
         * Skips invalid records and lists them in {@link ImportReport#rejected()} instead of refusing the whole
         * import (default false). A malformed file is refused either way.
         */
        public Builder skipInvalid(boolean skip) {
            once("skipInvalid");
            this.skipInvalid = skip;
            return this;
        }

        /** Called (on the importing thread) after the file was checked and after every batch written. */
        public Builder onProgress(Consumer<ImportProgress> callback) {
            once("onProgress");
            this.progress = Check.notNull("onProgress", callback);
            return this;
        }

        /** The options; the builder may be used again. */
        public ImportOptions build() {
            return new ImportOptions(this);
        }
    }
}

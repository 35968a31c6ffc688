package dev.savoir.kb.io;

import dev.savoir.kb.ValidationException;
import dev.savoir.kb.Violation;
import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An import was refused: the file is malformed, or records in it are invalid. {@link #rejected()} lists every
 * rejected record with its file, line and reason ({@link #violations()} lists the same, with {@code file:line} as
 * the field).
 *
 * <p>When the file was refused while it was checked, which is where every malformed file and invalid record is
 * caught, nothing was written ({@link #imported()} is 0). Only a batch refused by the knowledge base itself while it
 * was written (e.g. an id created concurrently) leaves the earlier batches in place: {@link #imported()} says how
 * many articles they hold.
 *
 * @since 0.1
 */
public final class ImportRejectedException extends ValidationException {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final int MESSAGE_RECORDS = 20;

    private final transient List<RejectedRecord> rejected;
    private final long imported;

    public ImportRejectedException(List<RejectedRecord> rejected, long imported) {
        super(message(rejected, imported), rejected.stream()
                .map(r -> new Violation(r.where(), (r.articleId() == null ? "" : r.articleId() + ": ") + r.reason()))
                .toList());
        this.rejected = List.copyOf(rejected);
        this.imported = imported;
    }

    /** Every rejected record, in file order. */
    public List<RejectedRecord> rejected() {
        return rejected;
    }

    /** How many articles earlier batches wrote before the refusal (0 when the file was refused before writing). */
    public long imported() {
        return imported;
    }

    private static String message(List<RejectedRecord> rejected, long imported) {
        String head = "import refused: " + rejected.size() + " rejected record(s)"
                + (imported == 0 ? ", nothing was written" : ", " + imported + " article(s) of earlier batches were "
                + "written");
        String list = rejected.stream().limit(MESSAGE_RECORDS).map(RejectedRecord::toString)
                .collect(Collectors.joining("; "));
        return head + ": " + list + (rejected.size() > MESSAGE_RECORDS ? "; ..." : "");
    }
}

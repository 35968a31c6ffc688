package dev.savoir.kb.io;

import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.internal.Check;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One record a format outside kb-core read from its source, for {@link ArchiveImporter}: either an article ready to
 * import, or a record that could not be turned into one and the reasons why.
 *
 * @param file the file the record comes from, as the error report should name it
 * @param line the line or record number in that file (0 when it concerns the whole file)
 * @param articleId the article's id when it could be read, else {@code null}
 * @param archive the article to import, or {@code null} when the record is invalid
 * @param problems why the record is invalid; empty when {@code archive} is set
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ImportRecord(String file, long line, @Nullable String articleId, @Nullable ArticleArchive archive,
                           List<String> problems) {
    public ImportRecord {
        Check.notNull("file", file);
        Check.atLeast("line", line, 0);
        problems = List.copyOf(Check.noNulls("problems", problems));
        if (archive == null && problems.isEmpty()) {
            throw new InvalidArgumentException("problems", "a record without an archive must say why "
                    + "it is invalid: pass at least one problem");
        }
        if (archive != null && !problems.isEmpty()) {
            throw new InvalidArgumentException("problems", "a record with an archive has no problems: "
                    + "pass the archive or the problems, not both");
        }
    }

    /** A valid record: the article, found at {@code file:line}. */
    public static ImportRecord of(String file, long line, ArticleArchive archive) {
        Check.notNull("archive", archive);
        return new ImportRecord(file, line, archive.article().id().value(), archive, List.of());
    }

    /** An invalid record, with every reason it was refused. */
    public static ImportRecord rejected(String file, long line, @Nullable String articleId, List<String> problems) {
        return new ImportRecord(file, line, articleId, null, problems);
    }
}

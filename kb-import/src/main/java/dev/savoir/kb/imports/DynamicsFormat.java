package dev.savoir.kb.imports;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.imports.internal.Attachments;
import dev.savoir.kb.imports.internal.DynamicsArticles;
import dev.savoir.kb.imports.internal.DynamicsRows;
import dev.savoir.kb.imports.internal.HtmlBodies;
import dev.savoir.kb.io.ArchiveImporter;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.ImportRejectedException;
import dev.savoir.kb.io.ImportReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Imports Microsoft Dynamics 365 knowledge articles (the {@code knowledgearticle} table) from a CSV export (a
 * header row of the columns' logical names) or from the {@code data.xml} of the Configuration Migration tool
 * ({@code <entities><entity name="knowledgearticle"><records><record id=".."><field name="title" value=".."/>}).
 *
 * <h2>Columns read</h2>
 *
 * <p>{@code title} and {@code content} (HTML) are required; {@code knowledgearticleid}, {@code rootarticleid},
 * {@code articlepublicnumber}, {@code description}, {@code keywords}, {@code languagelocaleid},
 * {@code statecode}, {@code statuscode}, {@code majorversionnumber}, {@code minorversionnumber}, {@code subjectid},
 * {@code isinternal}, {@code isprimary}, {@code createdon}, {@code modifiedon} and {@code publishon} are read when
 * present; other columns are ignored.
 *
 * <h2>Mapping</h2>
 *
 * <ul>
 *   <li><b>Articles:</b> Dynamics keeps every version and every translation as its own record; the records that
 *       share a {@code rootarticleid} (else their own {@code knowledgearticleid}) are one article, with one
 *       translation per language. Its id is the {@code articlepublicnumber} ({@code KA-01001}), else the root
 *       article's id.</li>
 *   <li><b>Versions:</b> of each language the latest version ({@code majorversionnumber.minorversionnumber}) is
 *       kept; when it is not the published one and an older version is published, that version comes first as
 *       the published revision and the latest follows as its pending draft. Other versions are left out and listed
 *       in {@link ImportReport#skipped()}. Two records of the same language and version reject the article.</li>
 *   <li><b>Language:</b> {@code languagelocaleid} as a language code ({@code en-US}) or a Windows locale id
 *       ({@code 1033}); in XML the lookup's {@code lookupentityname} is read too, and a {@code languagecode} column
 *       is accepted. The source language is that of the root article (or the record marked {@code isprimary}).
 *       An unknown language rejects the article.</li>
 *   <li><b>States</b> from {@code statecode} (a number or its label): Draft (0) is a draft, or in review when its
 *       {@code statuscode} is "In review" or "Needs review"; Approved (1) approved; Scheduled (2) scheduled at
 *       {@code publishon} (required); Published (3) published; Expired (4) and Archived (5) archived; Discarded (6)
 *       records are left out. States are kept only with
 *       {@link ImportOptions.Builder#keepStates(boolean) keepStates} (the actor must be allowed to publish).</li>
 *   <li><b>Fields:</b> {@code description} is the summary, {@code keywords} (separated by {@code ,} or {@code ;})
 *       the tags, {@code subjectid} (the subject's name, or a path such as {@code Billing > Invoices}) the category
 *       path ({@link Builder#defaultCategory(CategoryPath)} when absent). {@code isinternal} false is
 *       {@code public}; true or absent is {@code internal}, so that nothing becomes public by accident. The root
 *       id, version and public number are kept as {@code dynamics.*} attributes.</li>
 *   <li><b>Bodies</b> are HTML, converted to Markdown (flexmark's html2md converter); images embedded as
 *       {@code data:} URIs are written to the {@link Builder#attachments(Path) attachments folder} as
 *       {@code <article id>/image-<hash>.<ext>}, other images keep their URL.</li>
 * </ul>
 *
 * <p>Every record is checked before anything is written; a malformed file (broken CSV or XML, a DOCTYPE, a wrong
 * header) or an invalid record (no title, an unknown language or state) refuses the import with an
 * {@link ImportRejectedException} naming the file and the row or line. Immutable and thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class DynamicsFormat {
    /** The category of articles without a subject, unless the builder sets another. */
    public static final CategoryPath DEFAULT_CATEGORY = CategoryPath.of("Knowledge base");

    private final @Nullable Path attachments;
    private final String urlPrefix;
    private final ArticleType type;
    private final CategoryPath defaultCategory;
    private final long maxFileBytes;
    private final HtmlBodies html = new HtmlBodies();

    private DynamicsFormat(Builder b) {
        this.attachments = b.s.attachments;
        this.urlPrefix = b.s.urlPrefix;
        this.type = b.s.type;
        this.defaultCategory = b.defaultCategory;
        this.maxFileBytes = b.s.maxFileBytes;
    }

    /** The format with the defaults: no attachments folder, type {@code faq}, category "Knowledge base". */
    public static DynamicsFormat create() {
        return builder().build();
    }

    /** Starts configuring the format. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Imports a CSV export; the header is row 1 and rejected records name their row.
     *
     * @throws ImportRejectedException if the file is malformed or records are invalid (each listed); nothing was
     *     written
     */
    public ImportReport importCsv(KnowledgeBase kb, Actor actor, Path file, ImportOptions options) {
        CrmImportSettings.notNull("file", file);
        return run(kb, actor, file, options, false);
    }

    /**
     * Imports a Configuration Migration tool {@code data.xml}; rejected records name the line of their
     * {@code <record>}. Records of other entities are left out (listed in {@link ImportReport#skipped()}).
     *
     * @throws ImportRejectedException if the file is malformed or records are invalid (each listed); nothing was
     *     written
     */
    public ImportReport importXml(KnowledgeBase kb, Actor actor, Path file, ImportOptions options) {
        CrmImportSettings.notNull("file", file);
        return run(kb, actor, file, options, true);
    }

    private ImportReport run(KnowledgeBase kb, Actor actor, Path file, ImportOptions options, boolean xml) {
        CrmImportSettings.notNull("kb", kb);
        CrmImportSettings.notNull("actor", actor);
        CrmImportSettings.notNull("options", options);
        String name = String.valueOf(file.getFileName());
        DynamicsRows.Rows rows = xml ? DynamicsRows.xml(file, name, maxFileBytes)
                : DynamicsRows.csv(file, name, maxFileBytes);
        Attachments files = new Attachments(attachments, urlPrefix);
        DynamicsArticles.Result read = DynamicsArticles.read(name, rows.rows(), new DynamicsArticles.Settings(
                defaultCategory, type, actor.id()), files, html);
        List<String> skipped = new ArrayList<>(rows.skipped());
        skipped.addAll(read.skipped());
        return ArchiveImporter.importRecords(kb, actor, read.records(), options, skipped, files::write);
    }

    /** Configures a {@link DynamicsFormat}; each option may be set once. Not thread-safe. */
    public static final class Builder {
        private final CrmImportSettings s = new CrmImportSettings();
        private CategoryPath defaultCategory = DEFAULT_CATEGORY;

        private Builder() {
        }

        /** The host's folder of article files: images embedded in bodies are written there. */
        public Builder attachments(Path folder) {
            s.once("attachments");
            s.attachments = CrmImportSettings.notNull("folder", folder);
            return this;
        }

        /** What Markdown links put before {@code <article id>/<file>} (default {@code attachments/}). */
        public Builder urlPrefix(String prefix) {
            s.once("urlPrefix");
            s.urlPrefix = CrmImportSettings.urlPrefix(CrmImportSettings.notNull("prefix", prefix));
            return this;
        }

        /** The type of every imported article (default {@code faq}). */
        public Builder type(ArticleType type) {
            s.once("type");
            s.type = CrmImportSettings.notNull("type", type);
            return this;
        }

        /** The category path of articles without a subject (default "Knowledge base"). */
        public Builder defaultCategory(CategoryPath category) {
            s.once("defaultCategory");
            this.defaultCategory = CrmImportSettings.notNull("category", category);
            return this;
        }

        /** The largest file read, in bytes (default 512 MiB). */
        public Builder maxFileBytes(long bytes) {
            s.once("maxFileBytes");
            s.maxFileBytes = CrmImportSettings.positive("bytes", bytes);
            return this;
        }

        /** The format; the builder may be used again. */
        public DynamicsFormat build() {
            return new DynamicsFormat(this);
        }
    }
}

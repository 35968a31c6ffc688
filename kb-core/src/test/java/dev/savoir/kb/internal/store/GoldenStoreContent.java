package dev.savoir.kb.internal.store;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.spi.StoreCommit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The commits behind the golden store folder {@code src/test/resources/golden/store-format-1}: three articles whose
 * history covers every kind of record of store format 1 (every translation state, scheduled publish and archive,
 * two translations, a restored revision, an imported multi-revision commit, a commit without events, metadata with
 * tags, attributes and segments, a review interval, a verification, instants with and without nanoseconds, a BCP 47
 * locale with a script and a region).
 *
 * <p>The folder was written once by {@link #main} at commit {@code 0423bbe} (before the store had its own codec);
 * running it again with later code writes a new folder for comparison, never the committed one.
 * {@code GoldenStoreFormatTest} checks the folder against literal values, not against this class.
 */
public final class GoldenStoreContent {
    static final Locale EN = Locale.ENGLISH;
    static final Locale FR = Locale.FRENCH;
    static final Locale ZH = Locale.forLanguageTag("zh-Hant-TW");
    static final Instant T0 = Instant.parse("2026-02-01T09:00:00Z");

    private GoldenStoreContent() {
    }

    /** Writes the golden folder: {@code java ... GoldenStoreContent <empty target directory>}. */
    public static void main(String[] args) {
        Path target = Path.of(args[0]);
        try (FileArticleStore store = FileArticleStore.open(target, null)) {
            for (StoreCommit c : commits()) {
                store.commit(c);
            }
        }
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Every commit, in order. */
    static List<StoreCommit> commits() {
        List<StoreCommit> out = new ArrayList<>();
        faq(out);
        archived(out);
        imported(out);
        return out;
    }

    private static Revision rev(ArticleId id, Locale locale, int number, String title, String summary, String body,
                                List<String> tags, String author, Instant createdAt, String note,
                                @Nullable Integer restoredFrom) {
        ArticleContent c = new ArticleContent(title, summary, body, tags);
        return new Revision(id, locale, number, c, author, createdAt, note, c.hash(), restoredFrom);
    }

    private static AuditEvent event(Instant at, String actor, ArticleId id, @Nullable Locale locale, AuditAction action,
                                    @Nullable TranslationState from, @Nullable TranslationState to,
                                    @Nullable Integer revision, String detail) {
        return new AuditEvent(at, actor, id, locale, action, from, to, revision, detail);
    }

    private static Map<Locale, Translation> map(Translation... ts) {
        Map<Locale, Translation> m = new LinkedHashMap<>();
        for (Translation t : ts) {
            m.put(t.locale(), t);
        }
        return m;
    }

    /** "golden-faq": en and fr, the whole lifecycle, metadata, verification, a restored revision. */
    private static void faq(List<StoreCommit> out) {
        ArticleId id = ArticleId.of("golden-faq");
        CategoryPath cat = CategoryPath.of("Billing", "Invoices");
        Instant created = at(0);
        String body1 = "# Reset your password\n\nOpen **Settings** and choose *Reset*.";
        Translation en1 = new Translation(EN, TranslationState.DRAFT, 1, null, null, null, null, null, null, at(0));
        Article a1 = new Article(id, 1, cat, ArticleType.FAQ, "alice", Set.of("billing"), Map.of(), Visibility.PUBLIC,
                EN, null, null, null, null, created, at(0), map(en1));
        out.add(new StoreCommit(a1, 0, List.of(rev(id, EN, 1, "Reset your password", "How to reset it.", body1,
                List.of("password"), "alice", at(0), "first draft", null)),
                List.of(event(at(0), "alice", id, EN, AuditAction.CREATED, null, TranslationState.DRAFT, 1, ""))));

        Instant t2 = Instant.parse("2026-02-01T09:10:00.123456789Z");
        Translation en2 = new Translation(EN, TranslationState.DRAFT, 2, null, null, null, null, null, null, t2);
        Article a2 = new Article(id, 2, cat, ArticleType.FAQ, "alice", Set.of("billing"), Map.of(), Visibility.PUBLIC,
                EN, null, null, null, null, created, t2, map(en2));
        out.add(new StoreCommit(a2, 1, List.of(rev(id, EN, 2, "Reset your password", "How to reset it, step by step.",
                body1 + "\n\n1. Open Settings\n2. Choose Reset\n\nÉquipe, Größe, 日本語.", List.of("password", "account"),
                "bob", t2, "steps added", null)),
                List.of(event(t2, "bob", id, EN, AuditAction.EDITED, TranslationState.DRAFT, TranslationState.DRAFT, 2,
                        "steps added"))));

        Translation en3 = new Translation(EN, TranslationState.IN_REVIEW, 2, null, null, null, null, "bob", null,
                at(1200));
        Article a3 = new Article(id, 3, cat, ArticleType.FAQ, "alice", Set.of("billing"), Map.of(), Visibility.PUBLIC,
                EN, null, null, null, null, created, at(1200), map(en3));
        out.add(new StoreCommit(a3, 2, List.of(), List.of(event(at(1200), "bob", id, EN, AuditAction.SUBMITTED,
                TranslationState.DRAFT, TranslationState.IN_REVIEW, 2, ""))));

        Translation en4 = new Translation(EN, TranslationState.APPROVED, 2, null, null, null, null, "bob", null,
                at(1800));
        Article a4 = new Article(id, 4, cat, ArticleType.FAQ, "alice", Set.of("billing"), Map.of(), Visibility.PUBLIC,
                EN, null, null, null, null, created, at(1800), map(en4));
        out.add(new StoreCommit(a4, 3, List.of(), List.of(event(at(1800), "carol", id, EN, AuditAction.APPROVED,
                TranslationState.IN_REVIEW, TranslationState.APPROVED, 2, "looks good"))));

        Translation en5 = new Translation(EN, TranslationState.PUBLISHED, 2, 2, null, null, null, null, at(3600),
                at(3600));
        Article a5 = new Article(id, 5, cat, ArticleType.FAQ, "alice", Set.of("billing"), Map.of(), Visibility.PUBLIC,
                EN, null, null, null, null, created, at(3600), map(en5));
        out.add(new StoreCommit(a5, 4, List.of(), List.of(event(at(3600), "dave", id, EN, AuditAction.PUBLISHED,
                TranslationState.APPROVED, TranslationState.PUBLISHED, 2, ""))));

        Translation fr6 = new Translation(FR, TranslationState.DRAFT, 1, null, 2, null, null, null, null, at(7200));
        Article a6 = new Article(id, 6, cat, ArticleType.FAQ, "alice", Set.of("billing"), Map.of(), Visibility.PUBLIC,
                EN, null, null, null, null, created, at(7200), map(en5, fr6));
        out.add(new StoreCommit(a6, 5, List.of(rev(id, FR, 1, "Réinitialiser votre mot de passe",
                "Comment le réinitialiser.", "# Réinitialiser\n\nOuvrez **Paramètres**.", List.of("mot-de-passe"),
                "élodie", at(7200), "traduction", null)),
                List.of(event(at(7200), "élodie", id, FR, AuditAction.TRANSLATION_ADDED, null, TranslationState.DRAFT,
                        1, "from en revision 2"))));

        Instant publishAt = Instant.parse("2026-03-01T08:00:00Z");
        Translation fr7 = new Translation(FR, TranslationState.SCHEDULED, 1, null, 2, publishAt, null, "élodie", null,
                at(9000));
        Article a7 = new Article(id, 7, cat, ArticleType.FAQ, "alice", Set.of("billing"), Map.of(), Visibility.PUBLIC,
                EN, null, null, null, null, created, at(9000), map(en5, fr7));
        out.add(new StoreCommit(a7, 6, List.of(), List.of(event(at(9000), "dave", id, FR,
                AuditAction.PUBLISH_SCHEDULED, TranslationState.APPROVED, TranslationState.SCHEDULED, 1,
                "2026-03-01T08:00:00Z"))));

        Duration interval = Duration.ofDays(90);
        Instant dueAt = Instant.parse("2026-05-02T09:00:00Z");
        Set<String> tags = Set.of("billing", "account", "self-service");
        Map<String, String> attributes = Map.of("product", "crm", "tier", "gold", "région", "Île-de-France");
        Visibility segments = Visibility.segments("partners", "vip.eu");
        Article a8 = new Article(id, 8, CategoryPath.of("Billing", "Invoices", "Refunds"), ArticleType.HOW_TO, "bob",
                tags, attributes, segments, EN, interval, null, null, dueAt, created, at(10_000), map(en5, fr7));
        out.add(new StoreCommit(a8, 7, List.of(), List.of(event(at(10_000), "bob", id, null,
                AuditAction.METADATA_CHANGED, null, null, null, "tags, attributes, visibility, category, type, owner,"
                        + " review interval"))));

        Instant verifiedAt = Instant.parse("2026-02-03T10:11:12.000000500Z");
        Article a9 = new Article(id, 9, CategoryPath.of("Billing", "Invoices", "Refunds"), ArticleType.HOW_TO, "bob",
                tags, attributes, segments, EN, interval, verifiedAt, "carol", Instant.parse("2026-05-04T10:11:12Z"),
                created, verifiedAt, map(en5, fr7));
        out.add(new StoreCommit(a9, 8, List.of(), List.of(event(verifiedAt, "carol", id, null, AuditAction.VERIFIED,
                null, null, null, ""))));

        Translation en10 = new Translation(EN, TranslationState.DRAFT, 3, 2, null, null, null, null, at(3600),
                at(20_000));
        Article a10 = new Article(id, 10, CategoryPath.of("Billing", "Invoices", "Refunds"), ArticleType.HOW_TO, "bob",
                tags, attributes, segments, EN, interval, verifiedAt, "carol", Instant.parse("2026-05-04T10:11:12Z"),
                created, at(20_000), map(en10, fr7));
        out.add(new StoreCommit(a10, 9, List.of(rev(id, EN, 3, "Reset your password", "How to reset it.", body1,
                List.of("password"), "alice", at(20_000), "restored revision 1", 1)),
                List.of(event(at(20_000), "alice", id, EN, AuditAction.REVISION_RESTORED, TranslationState.PUBLISHED,
                        TranslationState.DRAFT, 3, "restored from revision 1"))));
    }

    /** "golden-archived": a zh-Hant-TW article published, then scheduled for archiving, then archived. */
    private static void archived(List<StoreCommit> out) {
        ArticleId id = ArticleId.of("golden-archived");
        CategoryPath cat = CategoryPath.of("Shipping");
        ArticleType type = ArticleType.of("release-note");
        Instant created = at(30_000);
        Translation z1 = new Translation(ZH, TranslationState.PUBLISHED, 1, 1, null, null, null, null, created,
                created);
        Article a1 = new Article(id, 1, cat, type, "wang", Set.of(), Map.of(), Visibility.INTERNAL, ZH, null, null,
                null, null, created, created, map(z1));
        out.add(new StoreCommit(a1, 0, List.of(rev(id, ZH, 1, "運送時間", "", "運送需要三天。", List.of(), "wang", created,
                "", null)),
                List.of(event(created, "wang", id, ZH, AuditAction.CREATED, null, TranslationState.DRAFT, 1, ""),
                        event(created, "wang", id, ZH, AuditAction.PUBLISHED, TranslationState.DRAFT,
                                TranslationState.PUBLISHED, 1, "published at once"))));

        Instant archiveAt = Instant.parse("2026-06-30T23:59:59Z");
        Translation z2 = new Translation(ZH, TranslationState.PUBLISHED, 1, 1, null, null, archiveAt, null, created,
                at(31_000));
        Article a2 = new Article(id, 2, cat, type, "wang", Set.of(), Map.of(), Visibility.INTERNAL, ZH, null, null,
                null, null, created, at(31_000), map(z2));
        out.add(new StoreCommit(a2, 1, List.of(), List.of(event(at(31_000), "wang", id, ZH,
                AuditAction.ARCHIVE_SCHEDULED, TranslationState.PUBLISHED, TranslationState.PUBLISHED, 1,
                "2026-06-30T23:59:59Z"))));

        Translation z3 = new Translation(ZH, TranslationState.ARCHIVED, 1, null, null, null, null, null, null,
                archiveAt);
        Article a3 = new Article(id, 3, cat, type, "wang", Set.of(), Map.of(), Visibility.INTERNAL, ZH, null, null,
                null, null, created, archiveAt, map(z3));
        out.add(new StoreCommit(a3, 2, List.of(), List.of(event(archiveAt, "scheduler", id, ZH, AuditAction.ARCHIVED,
                TranslationState.PUBLISHED, TranslationState.ARCHIVED, 1, "scheduled"))));
    }

    /**
     * "golden-imported": created by an import at version 4 with two revisions in one commit, then a commit without
     * events or revisions (an owner change recorded elsewhere).
     */
    private static void imported(List<StoreCommit> out) {
        ArticleId id = ArticleId.of("golden-imported");
        CategoryPath cat = CategoryPath.of("Troubleshooting", "Login");
        Instant created = Instant.parse("2025-12-24T18:30:00.5Z");
        Translation en = new Translation(EN, TranslationState.PUBLISHED, 2, 1, null, null, null, null,
                Instant.parse("2025-12-25T00:00:00Z"), Instant.parse("2025-12-26T00:00:00Z"));
        Article a1 = new Article(id, 4, cat, ArticleType.TROUBLESHOOTING, "import", Set.of("login"),
                Map.of("source", "zendesk"), Visibility.PUBLIC, EN, Duration.ofSeconds(86_400, 250_000_000), null,
                null, Instant.parse("2025-12-27T18:30:00.75Z"), created, Instant.parse("2025-12-26T00:00:00Z"),
                map(en));
        out.add(new StoreCommit(a1, 0, List.of(
                rev(id, EN, 1, "Cannot log in", "Check the caps lock.", "Check **caps lock**.", List.of("login"),
                        "import", created, "imported", null),
                rev(id, EN, 2, "Cannot log in", "Check the caps lock and the keyboard layout.",
                        "Check **caps lock** and the layout.", List.of("login", "keyboard"), "import",
                        Instant.parse("2025-12-26T00:00:00Z"), "", null)),
                List.of(event(at(40_000), "importer", id, null, AuditAction.IMPORTED, null, TranslationState.PUBLISHED,
                        2, "kb.json line 3"))));

        Article a2 = new Article(id, 5, cat, ArticleType.TROUBLESHOOTING, "erin", Set.of("login"),
                Map.of("source", "zendesk"), Visibility.PUBLIC, EN, Duration.ofSeconds(86_400, 250_000_000), null,
                null, Instant.parse("2025-12-27T18:30:00.75Z"), created, at(41_000), map(en));
        out.add(new StoreCommit(a2, 4, List.of(), List.of()));
    }
}

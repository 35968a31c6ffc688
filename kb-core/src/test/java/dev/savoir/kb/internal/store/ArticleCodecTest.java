package dev.savoir.kb.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.spi.tck.StoreFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The compact form of articles: every field reads back equal, with full dictionaries too, and it is small. */
class ArticleCodecTest {
    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.FRENCH,
            Locale.forLanguageTag("zh-Hant-TW"), Locale.forLanguageTag("de-CH"), Locale.forLanguageTag("pt-BR"));

    /** Letters (some beyond Latin-1 and beyond the BMP), digits, punctuation; no lone surrogates. */
    private static Arbitrary<String> text(int min, int max) {
        // 'X' stands for a character beyond the BMP (a surrogate pair: generated apart, its halves would be invalid).
        return Arbitraries.strings().withChars("abcXYZ019 .-_/>éßж中").ofMinLength(min).ofMaxLength(max)
                .map(t -> t.replace("X", "\uD83D\uDE00"));
    }

    private static Arbitrary<String> word() {
        return Arbitraries.strings().withCharRange('a', 'e').withChars("éж中").ofMinLength(1).ofMaxLength(6);
    }

    private static Arbitrary<Instant> instant() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L),
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.of(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond(), 0L, -1L));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999_999_999), Arbitraries.of(1, 999_999_999, 123_000_000));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    private static Arbitrary<Duration> duration() {
        return Combinators.combine(Arbitraries.oneOf(Arbitraries.longs().between(0, 400L * 86_400),
                        Arbitraries.longs(), Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L)),
                Arbitraries.integers().between(0, 999_999_999)).as(Duration::ofSeconds);
    }

    private static Arbitrary<Integer> revision() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1,
                Integer.MAX_VALUE));
    }

    private static Arbitrary<Translation> translation(Locale locale) {
        Arbitrary<TranslationState> state = Arbitraries.of(TranslationState.class);
        Arbitrary<Integer> nullableRevision = revision().injectNull(0.4);
        Arbitrary<Instant> nullableInstant = instant().injectNull(0.5);
        Arbitrary<String> submittedBy = text(0, 8).injectNull(0.5);
        return Combinators.combine(state, revision(), nullableRevision, nullableRevision, nullableInstant,
                        nullableInstant, submittedBy, Combinators.combine(nullableInstant, instant()).as((p, u) -> Arrays.asList(p, u)))
                .as((s, latest, published, from, publishAt, archiveAt, by, times) -> new Translation(locale, s,
                        latest, published, from, publishAt, archiveAt, by, times.get(0), times.get(1)));
    }

    private static Arbitrary<Map<Locale, Translation>> translations() {
        return Arbitraries.subsetOf(LOCALES).ofMaxSize(4).flatMap(locales -> {
            if (locales.isEmpty()) {
                return Arbitraries.just(Map.of());
            }
            List<Arbitrary<Translation>> each = new ArrayList<>();
            for (Locale l : locales) {
                each.add(translation(l));
            }
            return Combinators.combine(each).as(ts -> {
                Map<Locale, Translation> m = new HashMap<>();
                ts.forEach(t -> m.put(t.locale(), t));
                return m;
            });
        });
    }

    private static Arbitrary<Visibility> visibility() {
        Arbitrary<Visibility> segments = Arbitraries.strings().withCharRange('a', 'f').withChars("09._-")
                .ofMinLength(1).ofMaxLength(5).filter(s -> Character.isLetterOrDigit(s.charAt(0)))
                .set().ofMinSize(1).ofMaxSize(3)
                .map(s -> Visibility.segments(s.toArray(new String[0])));
        return Arbitraries.oneOf(Arbitraries.of(Visibility.PUBLIC, Visibility.INTERNAL), segments);
    }

    @Provide
    Arbitrary<Article> articles() {
        Arbitrary<ArticleId> id = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10)
                .map(ArticleId::of);
        Arbitrary<Long> version = Arbitraries.oneOf(Arbitraries.longs().between(0, 20),
                Arbitraries.longs().between(0, Long.MAX_VALUE));
        Arbitrary<CategoryPath> category = word().list().ofMinSize(1).ofMaxSize(4).map(CategoryPath::new);
        Arbitrary<ArticleType> type = Arbitraries.oneOf(Arbitraries.of(ArticleType.FAQ, ArticleType.HOW_TO),
                Arbitraries.strings().withCharRange('a', 'z').withChars("-_0").ofMinLength(1).ofMaxLength(12)
                        .filter(s -> Character.isLetterOrDigit(s.charAt(0))).map(ArticleType::of));
        Arbitrary<List<Object>> who = Combinators.combine(text(0, 12), word().set().ofMaxSize(5),
                        Arbitraries.maps(text(0, 6), text(0, 12)).ofMaxSize(5), visibility(),
                        Arbitraries.of(LOCALES))
                .as(List::of);
        Arbitrary<List<Object>> review = Combinators.combine(duration().optional(), instant().optional(),
                text(0, 8).optional(), instant().optional()).as(List::of);
        return Combinators.combine(id, version, category, type, who, review, instant().list().ofSize(2),
                translations()).as(ArticleCodecTest::article);
    }

    @SuppressWarnings("unchecked")
    private static Article article(ArticleId id, long version, CategoryPath category, ArticleType type,
                                   List<Object> who, List<Object> review, List<Instant> times,
                                   Map<Locale, Translation> translations) {
        return new Article(id, version, category, type, (String) who.get(0), (Set<String>) who.get(1),
                (Map<String, String>) who.get(2), (Visibility) who.get(3), (Locale) who.get(4),
                ((java.util.Optional<Duration>) review.get(0)).orElse(null),
                ((java.util.Optional<Instant>) review.get(1)).orElse(null),
                ((java.util.Optional<String>) review.get(2)).orElse(null),
                ((java.util.Optional<Instant>) review.get(3)).orElse(null), times.get(0), times.get(1),
                translations);
    }

    @Provide
    Arbitrary<List<Article>> articleLists() {
        return articles().list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void roundTrip_everyField_readsBackEqual_whateverRoomTheDictionariesHave(
            @ForAll("articleLists") List<Article> articles, @ForAll @IntRange(min = 0, max = 3) int room) {
        // Room 3 is the default capacity; 0 writes every value inline, 1 and 2 mix both.
        ArticleCodec codec = room == 3 ? new ArticleCodec() : new ArticleCodec(room);
        List<byte[]> encoded = new ArrayList<>();
        for (Article a : articles) {
            encoded.add(codec.encode(a));
        }
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            Article back = codec.decode(a.id(), encoded.get(i));
            assertThat(back).isEqualTo(a);
            assertThat(back.translations().keySet()).containsExactlyInAnyOrderElementsOf(a.translations().keySet());
            // A decoded article encodes again to the same state (sets and maps may iterate in another order).
            assertThat(codec.decode(a.id(), codec.encode(back))).isEqualTo(a);
        }
    }

    @Test
    void aTypicalArticle_takesFewBytes_andDecodedArticlesShareTheirRepeatedValues() {
        ArticleCodec codec = new ArticleCodec();
        Article a = StoreFixtures.create("a1", Locale.ENGLISH, "t").article();
        Article b = StoreFixtures.create("b1", Locale.ENGLISH, "t").article();
        byte[] ea = codec.encode(a);
        byte[] eb = codec.encode(b);
        assertThat(ea.length).isLessThanOrEqualTo(40);
        Article da = codec.decode(a.id(), ea);
        Article db = codec.decode(b.id(), eb);
        assertThat(da).isEqualTo(a);
        assertThat(da.owner()).isSameAs(db.owner());
        assertThat(da.category()).isSameAs(db.category());
        assertThat(da.visibility()).isSameAs(db.visibility());
        assertThat(da.attributes().get("product")).isSameAs(db.attributes().get("product"));
        assertThat(da.createdAt()).isSameAs(da.updatedAt());
    }

    @Test
    void fullDictionaries_writeNewValuesInline_andKeepSharingWhatTheyHold() {
        ArticleCodec codec = new ArticleCodec(1);
        Article first = StoreFixtures.create("a1", Locale.ENGLISH, "t").article();
        Article other = new Article(ArticleId.of("b1"), 0, CategoryPath.of("Other", "Place"), ArticleType.of("memo"),
                "someone-else", Set.of("late"), Map.of("k2", "v2"), Visibility.segments("vip"), Locale.FRENCH,
                null, null, null, null, first.createdAt(), first.updatedAt(), Map.of(Locale.FRENCH,
                new Translation(Locale.FRENCH, TranslationState.DRAFT, 1, null, null, null, null, null, null,
                        first.createdAt())));
        byte[] e1 = codec.encode(first);
        byte[] e2 = codec.encode(other);
        assertThat(codec.decode(other.id(), e2)).isEqualTo(other);
        assertThat(codec.decode(first.id(), e1).owner()).isSameAs(codec.decode(first.id(), e1).owner());
        assertThat(codec.decode(other.id(), e2).owner()).isNotSameAs(codec.decode(other.id(), e2).owner());
    }

    @Test
    void bytesOfAnotherCodec_orDamaged_failWithTheArticleNamed() {
        ArticleCodec codec = new ArticleCodec();
        Article a = StoreFixtures.create("a1", Locale.ENGLISH, "t").article();
        byte[] bytes = codec.encode(a);
        assertThatThrownBy(() -> new ArticleCodec().decode(a.id(), bytes)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a1");
        assertThatThrownBy(() -> codec.decode(a.id(), Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a1");
        assertThatThrownBy(() -> codec.decode(a.id(), Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("follow");
    }
}

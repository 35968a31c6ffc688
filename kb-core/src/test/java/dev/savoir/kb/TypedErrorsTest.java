package dev.savoir.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.savoir.kb.analytics.SearchAnalytics;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.io.CsvFormat;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.JsonFormat;
import dev.savoir.kb.io.MarkdownFormat;
import dev.savoir.kb.policy.LinkResolver;
import dev.savoir.kb.policy.PermissionPolicy;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.SearchEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Typed errors everywhere: every public entry point of kb-core refuses bad input with a {@link KbException} subtype
 * whose message names the parameter, never a bare {@code NullPointerException}, {@code IllegalArgumentException},
 * {@code IllegalStateException}, {@code IndexOutOfBoundsException} or {@code UnsupportedOperationException}.
 *
 * <p>The cases are found by reflection, so a new public method or record is covered without editing this test: every
 * public method of {@link KnowledgeBase} (on an open in-memory knowledge base with one published article and a stub
 * search engine), of {@link KnowledgeBaseBuilder}, of {@link SearchAnalytics}, every public static method and
 * builder method of the API packages, the formats' methods, the built-in policies, the records' {@code with...}
 * methods and every public record's canonical constructor. For each parameter in turn, with valid values for the
 * others, it passes:
 *
 * <ul>
 *   <li>{@code null} (reference types not annotated {@code @Nullable}): expects a {@link ValidationException} naming
 *       the parameter;
 *   <li>a null element (arrays, lists, sets): the same;
 *   <li>a negative number ({@code int}, {@code long}): any {@link KbException} (a stale revision number is a
 *       conflict, a missing one not found), but if it is a {@link ValidationException} it names the parameter;
 *   <li>a reversed period (two instants named from/to, from/until, after/before): a {@link ValidationException}
 *       naming one of the two.
 * </ul>
 */
class TypedErrorsTest {
    private static final Set<String> API_PACKAGES = Set.of("dev.savoir.kb", "dev.savoir.kb.search",
            "dev.savoir.kb.feedback", "dev.savoir.kb.reports", "dev.savoir.kb.policy", "dev.savoir.kb.analytics",
            "dev.savoir.kb.io");

    /** How to get a fresh receiver of each public builder. */
    private static final Map<Class<?>, Supplier<Object>> BUILDERS = Map.of(
            KnowledgeBaseBuilder.class, KnowledgeBase::builder,
            NewArticle.Builder.class, () -> NewArticle.builder("new-article"),
            SearchRequest.Builder.class, () -> SearchRequest.builder("password"),
            ImportOptions.Builder.class, ImportOptions::builder,
            MarkdownFormat.Builder.class, MarkdownFormat::builder,
            SharedResources.Builder.class, SharedResources::builder);

    /**
     * Parameters where null is accepted and means "empty" (documented on the record): the call must succeed. Kept
     * because stored and imported values rely on it.
     */
    private static final Set<String> NULL_MEANS_EMPTY = Set.of(
            "ArticleContent(title)", "ArticleContent(summary)", "ArticleContent(body)", "ArticleContent(tags)",
            "ArticleContent.withTitle(newTitle)", "ArticleContent.withSummary(newSummary)",
            "ArticleContent.withBody(newBody)", "ArticleContent.withTags(newTags)",
            "Actor(roles)", "ViewerContext(segments)", "Visibility(segments)",
            "Revision(changeNote)", "AuditEvent(detail)", "NewArticle(changeNote)");

    /** Words that name a parameter as well as its own name, where the type's name is the clearer one. */
    private static final Map<String, String> ALSO_NAMED = Map.of(
            "ArticleId(value)", "article id",
            "ArticleId.of(value)", "article id");

    /**
     * What cannot be typed here, with the reason: these cases are reported as skipped, never silently dropped.
     * Prefix of a case name → reason.
     */
    private static final Map<String, String> NOT_TYPED_HERE = Map.of();

    enum Bad {
        NULL("null"), NULL_ELEMENT("a null element"), NEGATIVE("-1"), REVERSED_PERIOD("a reversed period");

        final String text;

        Bad(String text) {
            this.text = text;
        }
    }

    /** One call: an executable, how to get its receiver, the parameter made bad and how. */
    record Case(String name, Executable target, Function<Fixture, @Nullable Object> receiver, int index, Bad bad,
                List<String> names) {
    }

    // =================================================================== the test factories

    @TestFactory
    Stream<DynamicTest> knowledgeBase_everyPublicMethod_refusesBadArgumentsWithTypedErrors() {
        return tests(publicInstanceMethods(KnowledgeBase.class), Fixture::kb);
    }

    @TestFactory
    Stream<DynamicTest> knowledgeBaseBuilder_everyOption_refusesBadArgumentsWithTypedErrors() {
        return tests(publicInstanceMethods(KnowledgeBaseBuilder.class), f -> KnowledgeBase.builder());
    }

    @TestFactory
    Stream<DynamicTest> searchAnalytics_everyMethod_refusesBadArgumentsWithTypedErrors() {
        List<Executable> methods = Arrays.stream(SearchAnalytics.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers())).map(m -> (Executable) m).toList();
        return tests(methods, f -> f.kb().analytics());
    }

    @TestFactory
    Stream<DynamicTest> staticFactories_refuseBadArgumentsWithTypedErrors() {
        List<Executable> methods = apiClasses().stream()
                .filter(c -> !c.isEnum())
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                        && !m.isSynthetic())
                .map(m -> (Executable) m).toList();
        return tests(methods, f -> null);
    }

    @TestFactory
    Stream<DynamicTest> builders_everyMethod_refusesBadArgumentsWithTypedErrors() {
        List<DynamicTest> out = new ArrayList<>();
        for (Class<?> c : apiClasses()) {
            if (!c.getSimpleName().endsWith("Builder") || c == KnowledgeBaseBuilder.class) {
                continue;
            }
            Supplier<Object> builder = BUILDERS.get(c);
            if (builder == null) {
                out.add(DynamicTest.dynamicTest(c.getName(), () -> fail("no receiver for the builder " + c.getName()
                        + ": add one to TypedErrorsTest.BUILDERS")));
                continue;
            }
            tests(publicInstanceMethods(c), f -> builder.get()).forEach(out::add);
        }
        return out.stream();
    }

    @TestFactory
    Stream<DynamicTest> formatsPoliciesAndWithers_refuseBadArgumentsWithTypedErrors() {
        List<DynamicTest> out = new ArrayList<>();
        tests(publicInstanceMethods(MarkdownFormat.class), f -> MarkdownFormat.create()).forEach(out::add);
        tests(publicInstanceMethods(CsvFormat.class), f -> CsvFormat.create()).forEach(out::add);
        tests(publicInstanceMethods(JsonFormat.class), f -> JsonFormat.create()).forEach(out::add);
        tests(abstractMethods(PermissionPolicy.class), f -> PermissionPolicy.roleBased()).forEach(out::add);
        tests(abstractMethods(LinkResolver.class), f -> LinkResolver.relative()).forEach(out::add);
        for (Class<?> c : apiClasses()) {
            if (c.isRecord()) {
                List<Executable> withers = publicInstanceMethods(c).stream()
                        .filter(m -> m.getName().startsWith("with")).toList();
                tests(withers, f -> f.valid(c, "this")).forEach(out::add);
            }
        }
        return out.stream();
    }

    @TestFactory
    Stream<DynamicTest> records_canonicalConstructor_refusesBadComponentsWithTypedErrors() {
        List<Executable> constructors = apiClasses().stream()
                .filter(Class::isRecord)
                .map(TypedErrorsTest::canonical)
                .map(c -> (Executable) c).toList();
        return tests(constructors, f -> null);
    }

    /** The cases issue 12 named, spelled out: each used to throw a bare JDK exception. */
    @Test
    void issue12KnownCases_throwTypedErrorsNamingTheParameter() throws Exception {
        assertThat(Visibility.segments("partners", "partners").segments()).containsExactly("partners");
        try (Fixture f = new Fixture()) {
            KnowledgeBase kb = f.kb();
            Instant dayBefore = f.now.minus(1, ChronoUnit.DAYS);
            assertRefused(() -> kb.read(f.viewer, null), "id");
            assertRefused(() -> kb.edit(f.admin, f.id, Locale.ENGLISH, 1, null, "note"), "content");
            assertRefused(() -> kb.articlesByViews(f.now, f.now, 0), "limit");
            assertRefused(() -> kb.articlesByHelpfulness(1, 0), "limit");
            assertRefused(() -> kb.articlesByViews(f.now, dayBefore, 10), "to");
            assertRefused(() -> kb.views(f.id, f.now, dayBefore), "to");
            assertRefused(() -> kb.analytics().topQueries(f.now, dayBefore, 10), "to");
            assertRefused(() -> kb.analytics().deflection(f.now, dayBefore), "to");
        }
    }

    private static void assertRefused(ThrowingCallable call, String parameter) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
            assertThat(e.parameter()).isEqualTo(parameter);
            assertThat(e.getMessage()).startsWith(parameter + ": ");
        });
    }

    // =================================================================== finding the cases

    private static List<Class<?>> apiClasses() {
        List<Class<?>> out = new ArrayList<>();
        for (JavaClass jc : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(API_PACKAGES.toArray(String[]::new))) {
            if (!API_PACKAGES.contains(jc.getPackageName())) {
                continue;
            }
            Class<?> c = jc.reflect();
            if (isPublicApi(c) && !Throwable.class.isAssignableFrom(c) && !c.isAnonymousClass()
                    && !c.isSynthetic()) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(Class::getName));
        return out;
    }

    private static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static List<Executable> publicInstanceMethods(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                        && !m.isSynthetic() && !m.isBridge())
                .filter(m -> !Set.of("equals", "hashCode", "toString").contains(m.getName()))
                .sorted(Comparator.comparing(Method::toGenericString))
                .map(m -> (Executable) m).toList();
    }

    private static List<Executable> abstractMethods(Class<?> c) {
        return Arrays.stream(c.getMethods()).filter(m -> Modifier.isAbstract(m.getModifiers()))
                .map(m -> (Executable) m).toList();
    }

    private static Constructor<?> canonical(Class<?> record) {
        Class<?>[] types = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            return record.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(record + " has no canonical constructor", e);
        }
    }

    private static Stream<DynamicTest> tests(List<Executable> targets, Function<Fixture, @Nullable Object> receiver) {
        return targets.stream().flatMap(t -> cases(t, receiver).stream()).map(c -> DynamicTest.dynamicTest(c.name(),
                () -> run(c)));
    }

    private static List<Case> cases(Executable e, Function<Fixture, @Nullable Object> receiver) {
        Parameter[] params = e.getParameters();
        String[] names = names(e);
        String signature = signature(e);
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            Class<?> t = params[i].getType();
            boolean nullable = isNullable(e, i);
            String at = signature + ": " + names[i] + " = ";
            if (!t.isPrimitive() && !nullable) {
                out.add(new Case(at + Bad.NULL.text, e, receiver, i, Bad.NULL, List.of(names[i])));
            }
            if (!nullable && ((t.isArray() && !t.getComponentType().isPrimitive()) || t == List.class
                    || t == Set.class || t == Collection.class)) {
                out.add(new Case(at + Bad.NULL_ELEMENT.text, e, receiver, i, Bad.NULL_ELEMENT, List.of(names[i])));
            }
            if (t == int.class || t == long.class || t == Integer.class || t == Long.class) {
                out.add(new Case(at + Bad.NEGATIVE.text, e, receiver, i, Bad.NEGATIVE, List.of(names[i])));
            }
            int partner = periodPartner(params, names, i);
            if (partner >= 0) {
                out.add(new Case(signature + ": " + names[i] + " after " + names[partner], e, receiver, i,
                        Bad.REVERSED_PERIOD, List.of(names[i], names[partner])));
            }
        }
        return out;
    }

    private static final List<List<String>> PERIODS = List.of(List.of("from", "to"), List.of("from", "until"),
            List.of("after", "before"), List.of("publishedAfter", "publishedBefore"));

    /** The index of the end of the period starting at {@code i}, or -1. */
    private static int periodPartner(Parameter[] params, String[] names, int i) {
        if (params[i].getType() != Instant.class) {
            return -1;
        }
        for (List<String> period : PERIODS) {
            if (names[i].equals(period.get(0))) {
                for (int j = 0; j < params.length; j++) {
                    if (params[j].getType() == Instant.class && names[j].equals(period.get(1))) {
                        return j;
                    }
                }
            }
        }
        return -1;
    }

    private static String[] names(Executable e) {
        if (e instanceof Constructor<?> c && c.getDeclaringClass().isRecord()) {
            return Arrays.stream(c.getDeclaringClass().getRecordComponents()).map(RecordComponent::getName)
                    .toArray(String[]::new);
        }
        return Arrays.stream(e.getParameters()).map(p -> {
            if (!p.isNamePresent()) {
                throw new AssertionError("no parameter names in " + e + ": compile with -parameters (the parent pom"
                        + " sets <parameters>true</parameters>)");
            }
            return p.getName();
        }).toArray(String[]::new);
    }

    private static boolean isNullable(Executable e, int i) {
        if (e.getParameters()[i].getAnnotatedType().isAnnotationPresent(Nullable.class)) {
            return true;
        }
        return e instanceof Constructor<?> c && c.getDeclaringClass().isRecord()
                && c.getDeclaringClass().getRecordComponents()[i].getAnnotatedType()
                .isAnnotationPresent(Nullable.class);
    }

    private static String owner(Executable e) {
        Class<?> c = e.getDeclaringClass();
        String name = c.getSimpleName();
        for (Class<?> k = c.getEnclosingClass(); k != null; k = k.getEnclosingClass()) {
            name = k.getSimpleName() + "." + name;
        }
        return name;
    }

    private static String signature(Executable e) {
        String params = String.join(", ", Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName).toList());
        return e instanceof Constructor<?> ? owner(e) + "(" + params + ")"
                : owner(e) + "." + e.getName() + "(" + params + ")";
    }

    /** {@code Owner.method(param)} or {@code Record(component)}, as in {@link #NULL_MEANS_EMPTY}. */
    private static String key(Case c) {
        String param = c.names().getFirst();
        return c.target() instanceof Constructor<?> ? owner(c.target()) + "(" + param + ")"
                : owner(c.target()) + "." + c.target().getName() + "(" + param + ")";
    }

    // =================================================================== running one case

    private static void run(Case c) throws Exception {
        for (Map.Entry<String, String> skip : NOT_TYPED_HERE.entrySet()) {
            Assumptions.assumeFalse(c.name().startsWith(skip.getKey()), () -> "not typed here: " + skip.getValue());
        }
        try (Fixture f = new Fixture()) {
            Executable e = c.target();
            Parameter[] params = e.getParameters();
            String[] names = names(e);
            Object[] args = new Object[params.length];
            for (int j = 0; j < params.length; j++) {
                args[j] = f.valid(params[j].getType(), names[j]);
            }
            Class<?> t = params[c.index()].getType();
            switch (c.bad()) {
                case NULL -> args[c.index()] = null;
                case NULL_ELEMENT -> args[c.index()] = withNullElement(t);
                case NEGATIVE -> args[c.index()] = t == int.class || t == Integer.class ? (Object) (-1)
                        : (Object) (-1L);
                case REVERSED_PERIOD -> {
                    args[c.index()] = f.now;
                    args[periodPartner(params, names, c.index())] = f.now.minus(1, ChronoUnit.DAYS);
                }
            }
            Object receiver = c.receiver().apply(f);
            Throwable thrown = invoke(e, receiver, args);
            check(c, thrown);
        }
    }

    private static Object withNullElement(Class<?> t) {
        if (t.isArray()) {
            return Array.newInstance(t.getComponentType(), 1);
        }
        if (t == Set.class) {
            Set<Object> s = new HashSet<>();
            s.add(null);
            return s;
        }
        return Arrays.asList((Object) null);
    }

    private static @Nullable Throwable invoke(Executable e, @Nullable Object receiver, Object[] args)
            throws ReflectiveOperationException {
        e.setAccessible(true);
        try {
            if (e instanceof Constructor<?> k) {
                k.newInstance(args);
            } else {
                ((Method) e).invoke(receiver, args);
            }
            return null;
        } catch (InvocationTargetException ex) {
            return ex.getCause();
        }
    }

    private static void check(Case c, @Nullable Throwable thrown) {
        String key = key(c);
        if (c.bad() == Bad.NULL && NULL_MEANS_EMPTY.contains(key)) {
            if (thrown != null) {
                throw new AssertionError(c.name() + ": null means empty here, but it threw " + thrown, thrown);
            }
            return;
        }
        if (thrown == null) {
            fail(c.name() + ": accepted " + c.bad().text + " without an error");
        }
        if (!(thrown instanceof KbException)) {
            throw new AssertionError(c.name() + ": threw " + thrown.getClass().getName() + " (" + thrown.getMessage()
                    + ") instead of a KbException subtype", thrown);
        }
        boolean refused = thrown instanceof ValidationException;
        if (c.bad() == Bad.NEGATIVE && !refused) {
            return; // a stale or missing number: a typed conflict or not-found, as documented
        }
        if (!refused) {
            throw new AssertionError(c.name() + ": threw " + thrown.getClass().getSimpleName() + " ("
                    + thrown.getMessage() + "), expected a ValidationException naming the parameter first", thrown);
        }
        List<String> names = new ArrayList<>(c.names());
        if (ALSO_NAMED.containsKey(key)) {
            names.add(ALSO_NAMED.get(key));
        }
        names.addAll(optionNames(c.target()));
        String message = String.valueOf(thrown.getMessage());
        boolean named = names.stream().anyMatch(n -> Pattern.compile("\\b" + Pattern.quote(n) + "\\b")
                .matcher(message).find());
        if (!named) {
            throw new AssertionError(c.name() + ": the message \"" + message + "\" does not name " + names, thrown);
        }
    }

    /**
     * A builder's option or a record's {@code with...} method has one parameter, documented by the method's name:
     * {@code maxBodyBytes(int bytes)} may say "maxBodyBytes", {@code withLocale(Locale other)} "locale".
     */
    private static List<String> optionNames(Executable e) {
        if (!(e instanceof Method m) || m.getParameterCount() != 1) {
            return List.of();
        }
        String name = m.getName();
        if (name.startsWith("with") && name.length() > 4) {
            return List.of(name, Character.toLowerCase(name.charAt(4)) + name.substring(5));
        }
        return m.getDeclaringClass().getSimpleName().endsWith("Builder") ? List.of(name) : List.of();
    }

    // =================================================================== valid values

    /** An open knowledge base with one published article, built on first use, and valid values by type. */
    static final class Fixture implements AutoCloseable {
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final ArticleId id = ArticleId.of("published");
        final Actor admin = Actor.of("admin", Role.ADMIN);
        final ViewerContext viewer = ViewerContext.internal(Locale.ENGLISH);
        private @Nullable KnowledgeBase kb;
        private @Nullable Path dir;
        private final List<AutoCloseable> closeables = new ArrayList<>();

        KnowledgeBase kb() {
            if (kb == null) {
                kb = KnowledgeBase.builder().inMemory().schedulerInterval(Duration.ZERO)
                        .searchEngine(context -> new StubEngine()).build();
                kb.create(admin, NewArticle.builder(id.value()).category("General").visibility(Visibility.PUBLIC)
                        .title("Published").body("A published body.").build());
                kb.submitForReview(admin, id, Locale.ENGLISH, 1);
                kb.approve(admin, id, Locale.ENGLISH, 1);
                kb.publish(admin, id, Locale.ENGLISH, 1);
            }
            return kb;
        }

        Path dir() {
            if (dir == null) {
                try {
                    dir = Files.createTempDirectory("typed-errors");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return dir;
        }

        @Nullable Object valid(Class<?> t, String name) {
            if (t == String.class) {
                return name.equals("tag") ? "en" : "x";
            }
            if (t == int.class || t == Integer.class) {
                return 1;
            }
            if (t == long.class || t == Long.class) {
                return 1L;
            }
            if (t == boolean.class || t == Boolean.class) {
                return false;
            }
            if (t == double.class || t == Double.class) {
                return 1.0;
            }
            if (t == float.class || t == Float.class) {
                return 1.0f;
            }
            if (t.isArray()) {
                return Array.newInstance(t.getComponentType(), 0);
            }
            if (t.isEnum()) {
                return t.getEnumConstants()[0];
            }
            if (t == List.class || t == Collection.class) {
                return List.of();
            }
            if (t == Set.class) {
                return Set.of();
            }
            if (t == Map.class) {
                return Map.of();
            }
            if (t == Locale.class) {
                return Locale.ENGLISH;
            }
            if (t == ArticleId.class) {
                return id;
            }
            if (t == Actor.class) {
                return admin;
            }
            if (t == ViewerContext.class) {
                return viewer;
            }
            if (t == Duration.class) {
                return Duration.ofDays(1);
            }
            if (t == Instant.class) {
                return now;
            }
            if (t == java.time.LocalDate.class) {
                return java.time.LocalDate.of(2026, 4, 10);
            }
            if (t == Path.class) {
                return dir();
            }
            if (t == OutputStream.class) {
                return new ByteArrayOutputStream();
            }
            if (t == Clock.class) {
                return Clock.systemUTC();
            }
            if (t == KnowledgeBase.class) {
                return kb();
            }
            if (t == SharedResources.class) {
                SharedResources shared = SharedResources.create();
                closeables.add(shared);
                return shared;
            }
            if (t == ArticleContent.class) {
                return ArticleContent.of("Title", "Body");
            }
            if (t == NewArticle.class) {
                return NewArticle.builder("new-article").category("General").title("Title").body("Body").build();
            }
            if (t == MetadataChange.class) {
                return MetadataChange.none();
            }
            if (t == CategoryPath.class) {
                return CategoryPath.of("General");
            }
            if (t == ArticleType.class) {
                return ArticleType.FAQ;
            }
            if (t == Role.class) {
                return Role.AUTHOR;
            }
            if (t == Visibility.class) {
                return Visibility.PUBLIC;
            }
            if (t == SearchRequest.class) {
                return SearchRequest.of("password");
            }
            if (t == ImportOptions.class) {
                return ImportOptions.defaults();
            }
            if (t == FeedbackSummary.class) {
                return FeedbackSummary.EMPTY;
            }
            if (t == ArticleSignals.class) {
                return new ArticleSignals(1, 1, 1, now);
            }
            if (t == PermissionPolicy.class) {
                return PermissionPolicy.roleBased();
            }
            if (t == LinkResolver.class) {
                return LinkResolver.relative();
            }
            if (t == LongConsumer.class) {
                return (LongConsumer) n -> { };
            }
            if (t == Article.class) {
                return kb().article(admin, id);
            }
            if (t == Translation.class) {
                return kb().article(admin, id).translations().get(Locale.ENGLISH);
            }
            if (t == Revision.class) {
                return kb().revision(admin, id, Locale.ENGLISH, 1);
            }
            if (t == ArticleView.class) {
                return kb().read(viewer, id).orElseThrow();
            }
            if (t == AuditEvent.class) {
                return kb().auditTrail(admin, id).getFirst();
            }
            if (t == ArticleArchive.class) {
                return kb().exportArchive(admin, id);
            }
            if (t.isRecord()) {
                Constructor<?> k = canonical(t);
                RecordComponent[] components = t.getRecordComponents();
                Object[] args = new Object[components.length];
                for (int i = 0; i < components.length; i++) {
                    args[i] = valid(components[i].getType(), components[i].getName());
                }
                try {
                    return k.newInstance(args);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("no valid " + t.getName() + " from " + Arrays.toString(args), e);
                }
            }
            if (t.isInterface()) {
                return Proxy.newProxyInstance(t.getClassLoader(), new Class<?>[] {t}, (proxy, method, args) ->
                        switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            case "toString" -> "a valid " + t.getSimpleName();
                            default -> method.getReturnType() == boolean.class ? false : null;
                        });
            }
            throw new AssertionError("no valid value of " + t.getName() + " for " + name
                    + ": add one to TypedErrorsTest.Fixture.valid");
        }

        @Override
        public void close() throws Exception {
            if (kb != null) {
                kb.close();
            }
            for (AutoCloseable c : closeables) {
                c.close();
            }
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** A search engine that finds nothing: enough for the facade to check its arguments. */
    private static final class StubEngine implements SearchEngine {
        private volatile long applied;

        @Override
        public long appliedSequence() {
            return applied;
        }

        @Override
        public void apply(List<IndexableArticle> articles, long sequence) {
            applied = sequence;
        }

        @Override
        public void rebuild(Iterator<IndexableArticle> all, long sequence, LongConsumer progress) {
            applied = sequence;
        }

        @Override
        public void refresh() {
        }

        @Override
        public SearchResponse search(SearchRequest request, ViewerContext viewer) {
            return new SearchResponse(List.of(), 0, true, Map.of(), null, Duration.ZERO);
        }

        @Override
        public List<Suggestion> autocomplete(String prefix, int limit, ViewerContext viewer) {
            return List.of();
        }

        @Override
        public List<SearchHit> related(ArticleId id, int limit, ViewerContext viewer) {
            return List.of();
        }

        @Override
        public List<AssistHit> assist(String subject, String description, int limit, ViewerContext viewer) {
            return List.of();
        }

        @Override
        public void updateSignals(ArticleId id, ArticleSignals signals) {
        }

        @Override
        public void close() {
        }
    }
}

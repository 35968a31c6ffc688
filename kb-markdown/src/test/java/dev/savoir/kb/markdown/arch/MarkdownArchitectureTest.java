package dev.savoir.kb.markdown.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.arch.ArchitectureRules;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.spi.ContentRenderer;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kb-markdown's tiers and dependencies (STYLE.md 1 to 3): its API exposes no SPI or internal type except where
 * {@link MarkdownRenderer} implements kb-core's {@link ContentRenderer}, it never reaches Lucene, kb-lucene or
 * kb-core's internals, its internals never reach the facade, and module-info exports only the API package.
 */
class MarkdownArchitectureTest {
    static final String API_PACKAGE = "dev.savoir.kb.markdown";

    static JavaClasses markdown;

    @BeforeAll
    static void importMarkdown() {
        markdown = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(API_PACKAGE);
    }

    /**
     * The declared exception to the shared rule: the renderer is kb-core's {@code ContentRenderer}, so its
     * {@code implements} clause and the methods it implements mention SPI types. Anything else is a violation, and
     * so is an SPI type in one of those methods that is not in {@code ContentRenderer}'s own signature.
     */
    @Test
    void mainSources_stayUnder700Lines() throws java.io.IOException {
        org.assertj.core.api.Assertions.assertThat(dev.savoir.kb.arch.ArchitectureRules.mainSourcesLongerThan(700))
                .as("main source files over 700 lines").isEmpty();
    }

    @Test
    void api_exposesNoSpiOrInternalTypes_exceptTheRendererSpiItImplements() {
        List<String> violations = ArchitectureRules.apiExposesNoSpiOrInternalTypes().evaluate(markdown)
                .getFailureReport().getDetails();
        List<String> undeclared = violations.stream().filter(v -> !implementsContentRenderer(v)).toList();
        assertThat(undeclared).isEmpty();
        assertThat(violations).as("the declared exception is in use: MarkdownRenderer implements ContentRenderer")
                .anyMatch(v -> v.startsWith(MarkdownRenderer.class.getName() + " implements exposes "
                        + ContentRenderer.class.getName()));
    }

    private static boolean implementsContentRenderer(String violation) {
        String renderer = MarkdownRenderer.class.getName();
        if (violation.equals(renderer + " implements exposes " + ContentRenderer.class.getName())) {
            return true;
        }
        for (Method m : ContentRenderer.class.getMethods()) {
            Set<String> spiTypes = Stream.concat(Stream.of(m.getReturnType()), Arrays.stream(m.getParameterTypes()))
                    .filter(t -> t.getPackageName().equals(ContentRenderer.class.getPackageName()))
                    .map(Class::getName).collect(Collectors.toSet());
            for (String spiType : spiTypes) {
                if (violation.startsWith(renderer + "." + m.getName() + "(")
                        && violation.endsWith(") exposes " + spiType)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void spi_exposesNoInternalTypes() {
        // kb-markdown has no SPI package today; the rule stands for the day it gets one
        ArchitectureRules.spiExposesNoInternalTypes().allowEmptyShould(true).check(markdown);
    }

    @Test
    void markdown_neverDependsOnLuceneKbLuceneOrKbCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..", "dev.savoir.kb.lucene..",
                "dev.savoir.kb.internal..").check(markdown);
    }

    @Test
    void internal_neverDependsOnTheKnowledgeBaseFacade() {
        noClasses().that().resideInAPackage(API_PACKAGE + ".internal..").should().dependOnClassesThat()
                .belongToAnyOf(KnowledgeBase.class).check(markdown);
    }

    @Test
    void api_everyPublicTypeIsMarkedStable() {
        classes().that().resideInAPackage(API_PACKAGE).and().arePublic()
                .should(new ArchCondition<>("be annotated @API(status = STABLE, since = ...)") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        API api = c.isAnnotatedWith(API.class) ? c.getAnnotationOfType(API.class) : null;
                        if (api == null || api.status() != API.Status.STABLE || api.since().isBlank()) {
                            events.add(SimpleConditionEvent.violated(c, c.getName() + " is not @API(status = "
                                    + "STABLE, since = ...)"));
                        }
                    }
                })
                .check(markdown);
    }

    @Test
    void moduleInfo_exportsExactlyTheApiPackage_andNoInternalPackage() throws URISyntaxException {
        Path classes = Path.of(MarkdownRenderer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
        Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        Set<String> notInternal = descriptor.packages().stream().filter(p -> !p.contains(".internal"))
                .collect(Collectors.toSet());
        assertThat(descriptor.name()).isEqualTo("dev.savoir.kb.markdown");
        assertThat(exported).containsExactly(API_PACKAGE).isEqualTo(notInternal);
        assertThat(descriptor.exports()).as("qualified exports").noneMatch(ModuleDescriptor.Exports::isQualified);
    }
}

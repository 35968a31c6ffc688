package dev.savoir.kb.micrometer.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.savoir.kb.arch.ArchitectureRules;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * kb-micrometer's tiers: it reaches kb-core only through its API and SPI (never its internals, never an engine),
 * its public types carry their status, and no source file grows past 700 lines. {@code SavoirMetrics} implements
 * kb-core's {@code KnowledgeBaseObserver}: that SPI in its {@code implements} clause is the declared exception, as
 * for kb-markdown's renderer.
 */
class MicrometerArchitectureTest {
    private static final JavaClasses MICROMETER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.savoir.kb.micrometer");

    @Test
    void neverReachesKbCoreInternalsOrAnEngine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.savoir.kb.internal..",
                "dev.savoir.kb.lucene..", "dev.savoir.kb.markdown..", "org.apache.lucene..").check(MICROMETER);
    }

    @Test
    void publicApiTypes_carryTheirStatus() {
        classes().that().resideInAPackage("dev.savoir.kb.micrometer").and().arePublic()
                .and().doNotHaveSimpleName("package-info").should().beAnnotatedWith(API.class).check(MICROMETER);
    }

    @Test
    void mainSources_stayUnder700Lines() throws java.io.IOException {
        assertThat(ArchitectureRules.mainSourcesLongerThan(700)).as("main source files over 700 lines").isEmpty();
    }
}

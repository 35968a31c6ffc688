package dev.savoir.kb.imports.arch;

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
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kb-import's tiers (STYLE.md 1 and 2): its API exposes no SPI or internal type, it never reaches kb-core's
 * internals, Lucene, CommonMark or the other engines (it meets kb-core through the public {@code ArchiveImporter}),
 * its internals never use the facade, and every public API type says its stability.
 */
class ImportArchitectureTest {
    static final String API_PACKAGE = "dev.savoir.kb.imports";

    static JavaClasses imports;

    @BeforeAll
    static void importClasses() {
        imports = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(API_PACKAGE);
    }

    @Test
    void mainSources_stayUnder700Lines() throws java.io.IOException {
        assertThat(ArchitectureRules.mainSourcesLongerThan(700)).as("main source files over 700 lines").isEmpty();
    }

    @Test
    void api_exposesNoSpiOrInternalTypes() {
        ArchitectureRules.apiExposesNoSpiOrInternalTypes().check(imports);
    }

    @Test
    void imports_neverDependOnKbCoreInternalsOrTheEngines() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.savoir.kb.internal..",
                "dev.savoir.kb.lucene..", "dev.savoir.kb.markdown..", "org.apache.lucene..", "org.commonmark..",
                "dev.savoir.kb.spi..").check(imports);
    }

    @Test
    void internal_neverDependsOnTheKnowledgeBaseFacade() {
        noClasses().that().resideInAPackage(API_PACKAGE + ".internal..").should().dependOnClassesThat()
                .belongToAnyOf(KnowledgeBase.class).check(imports);
    }

    @Test
    void api_everyPublicTypeIsMarkedExperimental() {
        classes().that().resideInAPackage(API_PACKAGE).and().arePublic().and().areTopLevelClasses()
                .should(new ArchCondition<>("be annotated @API(status = EXPERIMENTAL, since = ...)") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        if (c.getSimpleName().equals("package-info")) {
                            return;
                        }
                        API api = c.isAnnotatedWith(API.class) ? c.getAnnotationOfType(API.class) : null;
                        if (api == null || api.status() != API.Status.EXPERIMENTAL || api.since().isBlank()) {
                            events.add(SimpleConditionEvent.violated(c, c.getName() + " is not @API(status = "
                                    + "EXPERIMENTAL, since = ...)"));
                        }
                    }
                })
                .check(imports);
    }
}

package dev.hoglink.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering of STYLE.md: model and service know nothing of JavaFX or the UI; view models never touch nodes. */
class LayersTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hoglink");

    @Test
    void modelAndServiceDoNotDependOnJavaFxOrTheUi() {
        noClasses().that().resideInAnyPackage("dev.hoglink.model..", "dev.hoglink.service..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.hoglink.ui..")
                .check(MAIN);
    }

    @Test
    void viewModelsNeverSeeANode() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(MAIN);
    }
}

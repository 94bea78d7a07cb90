package dev.hoglink;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Layer rules of STYLE.md: the core never touches JavaFX or the UI; the UI reaches PostHog only through the
 * services; the sandbox never uses the client it stands in for; view models never see a node or a window;
 * the model depends on nothing else of the app.
 */
@AnalyzeClasses(packages = "dev.hoglink", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreLayersDoNotDependOnJavaFxOrTheUi = noClasses()
            .that().resideInAnyPackage("dev.hoglink.api..", "dev.hoglink.model..", "dev.hoglink.service..",
                    "dev.hoglink.sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.hoglink.ui..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule uiNeverTouchesTheApiClient = noClasses()
            .that().resideInAPackage("dev.hoglink.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.hoglink.api..")
            .because("the UI works through the services of its Session; the client and the key stay below them")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule sandboxStaysIndependentOfTheApiClient = noClasses()
            .that().resideInAPackage("dev.hoglink.sandbox..")
            .should().dependOnClassesThat().resideInAPackage("dev.hoglink.api..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule viewModelsNeverSeeANode = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .allowEmptyShould(true);

    /** Layers below the model: the model is plain records, so it depends on no other layer of the app. */
    @ArchTest
    static final ArchRule modelDependsOnNothingElseOfTheApp = noClasses()
            .that().resideInAPackage("dev.hoglink.model..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hoglink.api..", "dev.hoglink.service..",
                    "dev.hoglink.ui..", "dev.hoglink.cli..", "dev.hoglink.sandbox..", "dev.hoglink.util..")
            .allowEmptyShould(true);
}

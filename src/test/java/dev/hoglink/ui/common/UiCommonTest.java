package dev.hoglink.ui.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiCommonTest {

    @TempDir
    Path tmp;

    @Test
    void callbacksAttachedAfterCompletionStillFire() {
        List<String> seen = new ArrayList<>();
        TaskHandle<String> h = new SameThreadTaskRunner().run(() -> "ok");
        h.onSuccess(v -> seen.add("success " + v)).onFailure(e -> seen.add("failure")).onFinished(() -> seen.add("finished"));
        assertEquals(List.of("success ok", "finished"), seen);
    }

    @Test
    void failureReachesOnFailureThenOnFinished() {
        List<String> seen = new ArrayList<>();
        new SameThreadTaskRunner().run(() -> {
            throw new IllegalStateException("boom");
        }).onSuccess(v -> seen.add("success")).onFailure(e -> seen.add(e.getMessage())).onFinished(() -> seen.add("finished"));
        assertEquals(List.of("boom", "finished"), seen);
    }

    @Test
    void cancelledTaskCallsNothing() {
        ManualTaskRunner runner = new ManualTaskRunner();
        List<String> seen = new ArrayList<>();
        TaskHandle<String> h = runner.run(() -> "late");
        h.onSuccess(seen::add).onFinished(() -> seen.add("finished"));
        h.cancel();
        runner.runAll();
        assertTrue(seen.isEmpty());
        assertTrue(h.isCancelled());
    }

    @Test
    void viewNameMapsToItsFxml() {
        assertEquals("MainWindow", ViewLoader.baseName(dev.hoglink.ui.main.MainWindowView.class));
        assertEquals("ProjectsTable", ViewLoader.baseName(dev.hoglink.ui.inventory.ProjectsTableView.class));
        assertEquals("String", ViewLoader.baseName(String.class));
    }

    @Test
    void controllerFactoryRefusesUnregisteredControllers() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ControllerFactory().call(String.class));
        assertTrue(e.getMessage().contains("java.lang.String"));
    }

    @Test
    void preferencesRoundTripAndSurviveACorruptFile() throws Exception {
        UiPreferencesStore store = new UiPreferencesStore(tmp);
        UiPreferences p = new UiPreferences();
        p.theme = "dark";
        p.windowWidth = 1234;
        p.dividers.put("mainSplit", new double[] {0.4});
        p.columns.put("projectsTable", List.of(new UiPreferences.ColumnState("statusColumn", 150, false)));
        p.lastOrganization.put("https://us.posthog.com", "org-1");
        store.save(p);
        UiPreferences back = store.load();
        assertEquals("dark", back.theme);
        assertEquals(1234, back.windowWidth);
        assertArrayEquals(new double[] {0.4}, back.dividers.get("mainSplit"));
        assertFalse(back.columns.get("projectsTable").get(0).visible());
        assertEquals("org-1", back.lastOrganization.get("https://us.posthog.com"));

        Files.writeString(tmp.resolve("ui.json"), "{not json");
        assertEquals("light", store.load().theme);
    }
}

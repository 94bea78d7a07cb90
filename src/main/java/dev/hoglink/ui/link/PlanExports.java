package dev.hoglink.ui.link;

import dev.hoglink.service.link.PlanFiles;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.util.AtomicFiles;
import java.util.Locale;

/** Saving a plan or a result where the admin chooses (atomically, off the UI thread), and saying so. */
final class PlanExports {

    private PlanExports() {
    }

    static void save(TaskRunner runner, DialogService dialogs, byte[] bytes, boolean result, String installationId,
                     PlanFiles.Format format) {
        String ext = format.name().toLowerCase(Locale.ROOT);
        String name = "hoglink-link-" + (result ? "result" : "plan") + "-" + installationId + "." + ext;
        dialogs.chooseSaveFile(result ? "Save the result" : "Save the plan", name, format.name() + " files", ext)
                .ifPresent(path -> runner.run(() -> {
                            AtomicFiles.write(path, bytes);
                            return path;
                        })
                        .onSuccess(x -> dialogs.notify("Saved " + x.getFileName() + ".", DialogService.Notice.SUCCESS))
                        .onFailure(e -> dialogs.error("Could not save " + path.getFileName(),
                                e.getClass().getSimpleName() + ": " + e.getMessage(), e)));
    }
}

package dev.hoglink;

import dev.hoglink.service.ActionJournal;
import dev.hoglink.service.Session;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.InventoryView;
import dev.hoglink.util.AppDirs;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.stage.Window;

/**
 * What the composition root hands each feature (link, OAuth, audit) when it installs itself: the shared
 * services, the main window's view model and view, and the current {@link Session}, which changes when the
 * user switches connection (observe {@link #sessionProperty()}).
 */
public record AppContext(AppDirs dirs, TaskRunner runner, DialogService dialogs, ActionJournal journal,
                         InventoryViewModel inventory, InventoryView inventoryView,
                         ReadOnlyObjectProperty<Session> sessionProperty, Supplier<Window> owner) {

    public Optional<Session> session() {
        return Optional.ofNullable(sessionProperty.get());
    }
}

package dev.hoglink.ui.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.IkonHandler;
import org.junit.jupiter.api.Test;

/** Each of the app's icons names a real icon of Ikonli's Material Design pack, by its name and its code point. */
class AppIconTest {

    @Test
    void everyIconIsThePacksIconOfThatNameWithItsCodePoint() {
        List<IkonHandler> handlers = ServiceLoader.load(IkonHandler.class).stream().map(ServiceLoader.Provider::get).toList();
        Set<Integer> codes = new HashSet<>();
        for (AppIcon icon : AppIcon.values()) {
            IkonHandler handler = handlers.stream().filter(h -> h.supports(icon.getDescription())).findFirst()
                    .orElseThrow(() -> new AssertionError("no font handles " + icon.getDescription()));
            Ikon pack = handler.resolve(icon.getDescription());
            assertEquals(icon.getDescription(), pack.getDescription(), icon.name());
            assertEquals(pack.getCode(), icon.getCode(), icon.name() + " " + icon.getDescription());
            assertTrue(codes.add(icon.getCode()), icon.name() + " repeats another icon");
        }
    }

    @Test
    void anIconIsItsOwnIkonSoDrawingItLoadsNoneOfThePacksEnums() {
        assertEquals(AppIcon.SEARCH, AppIcon.SEARCH.ikon());
        assertEquals("mdi2m-magnify", AppIcon.SEARCH.ikon().getDescription());
    }
}

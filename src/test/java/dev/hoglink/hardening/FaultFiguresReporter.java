package dev.hoglink.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prints {@link FaultFigures#table()} to stdout once, when the whole test run ends (after every test engine)
 * and writes it to {@code target/hardening-figures.txt}. Registered through
 * {@code META-INF/services}; silent when the run had no hardening test.
 */
public final class FaultFiguresReporter implements LauncherSessionListener {

    static final Path REPORT = Path.of("target", "hardening-figures.txt");

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (FaultFigures.isEmpty()) {
            return;
        }
        String table = FaultFigures.table();
        System.out.print(table);
        System.out.flush();
        try {
            if (Files.isDirectory(REPORT.getParent())) {
                Files.writeString(REPORT, table, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            System.err.println("could not write " + REPORT + ": " + e.getMessage());
        }
    }
}

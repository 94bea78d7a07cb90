package dev.hoglink.ui.link;

import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.ui.common.DialogService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Shared bits of the link feature's tests. */
final class LinkTestSupport {

    /** When the link tests' clocks start. */
    static final Instant START = Instant.parse("2026-08-10T09:00:00Z");

    static final String HOST = "https://posthog.acme.test";
    static final Organization ACME = new Organization("0189-acme", "Acme", "acme", 8);

    private LinkTestSupport() {
    }

    static LinkService.Target target(long id, String name) {
        return new LinkService.Target(ACME, new Project(id, name, ACME.id(), null));
    }

    static List<JournalEntry> entries(ActionJournal journal) {
        try {
            return journal.readAll().entries();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Facts saying who uses which installation, as the loaded inventory would. */
    static InstallationFacts facts(String installationId, List<String> users, int repos) {
        return new InstallationFacts() {
            @Override
            public List<String> projectsUsing(String inst, long except) {
                return inst.equals(installationId) ? users : List.of();
            }

            @Override
            public int knownRepoCount(String inst) {
                return inst.equals(installationId) ? repos : -1;
            }

            @Override
            public Optional<Source> sourceOf(String inst) {
                return Optional.empty();
            }
        };
    }


    /** A browser for tests that open no page: opening one fails the test. */
    static final dev.hoglink.ui.common.BrowserLauncher NO_BROWSER = page -> {
        throw new AssertionError("no page is opened here, yet " + page + " was");
    };

    /** Answers confirmations as told and records every dialog. */
    static class ScriptedDialogs implements DialogService {
        boolean answer = true;
        String typed;
        final List<String> confirms = new ArrayList<>();
        final List<String> typedConfirms = new ArrayList<>();
        final List<String> expectedTyping = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final List<String> notices = new ArrayList<>();
        /** The information dialogs, "title|message" (each also among the notices, by its message). */
        final List<String> infos = new ArrayList<>();

        @Override
        public boolean confirm(String title, String message, String okLabel) {
            confirms.add(title + "|" + message);
            return answer;
        }

        @Override
        public void info(String title, String message) {
            infos.add(title + "|" + message);
            notices.add(message);
        }

        /** The dialogs that offer a page, "title|message|page|button". */
        final List<String> pageDialogs = new ArrayList<>();
        /** How many times the user presses the open button of each such dialog before Close. */
        int opensPerPageDialog;
        /** Runs as such a dialog shows (what the window behind it shows then). */
        Runnable onPageDialog = () -> { };

        @Override
        public void infoWithPage(String title, String message, java.net.URI page, String openLabel,
                                 java.util.function.Consumer<java.net.URI> open) {
            pageDialogs.add(title + "|" + message + "|" + page + "|" + openLabel);
            onPageDialog.run();
            for (int i = 0; i < opensPerPageDialog; i++) {
                open.accept(page);
            }
        }

        @Override
        public void error(String title, String message, Throwable cause) {
            errors.add(title + "|" + message);
        }

        @Override
        public boolean confirmByTyping(String title, String message, String expected, String okLabel) {
            typedConfirms.add(title + "|" + message);
            expectedTyping.add(expected);
            return answer && expected.equals(typed);
        }

        @Override
        public void notify(String message, Notice kind) {
            notices.add(kind + ":" + message);
        }
    }

    static ActionJournal journal(Path dir, Clock clock) {
        return new ActionJournal(dir.resolve("journal.jsonl"), clock);
    }
}

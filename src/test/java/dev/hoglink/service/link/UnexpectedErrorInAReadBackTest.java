package dev.hoglink.service.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hoglink.api.ApiErrors;
import dev.hoglink.api.UnsupportedPostHogApi;
import dev.hoglink.api.dto.GitHubAccountDto;
import dev.hoglink.api.dto.IntegrationConfigDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link or unlink whose answer was lost is read back; an error nobody expected in that read-back (thrown from the
 * handler of the lost answer, not from the request) still ends the attempt, so its journal line reads as unknown in
 * this process as in the next one, instead of staying "under way" for as long as the window is open.
 */
class UnexpectedErrorInAReadBackTest {

    private static final Organization ACME = new Organization("0189-acme", "Acme", "acme", Organization.OWNER);
    private static final Project SECRET_LAB = new Project(124, "Secret Lab", ACME.id(), Instant.EPOCH);

    @TempDir
    Path home;

    private static IntegrationDto row(long id) {
        return new IntegrationDto(id, "github", new IntegrationConfigDto("12345678", 3599L, 0L, "all",
                new GitHubAccountDto("Organization", "acme-gh"), null, null), null, null, "", "acme-gh", true,
                "connected");
    }

    /** Reads answer the row until a request is sent; then the read-back fails with an unexpected error. */
    private static final class LostThenBroken extends UnsupportedPostHogApi {
        boolean sent;

        @Override
        public List<IntegrationDto> githubIntegrations(long projectId) {
            if (sent) {
                throw new IllegalStateException("unexpected");
            }
            return List.of(row(900));
        }

        @Override
        public void deleteIntegration(long projectId, long integrationId) {
            sent = true;
            throw ApiErrors.network(true);
        }

        @Override
        public IntegrationDto linkExisting(long projectId, LinkExistingRequest request) {
            sent = true;
            throw ApiErrors.network(true);
        }
    }

    private List<JournalEntry> readInThisProcess(ActionJournal journal) throws Exception {
        return journal.readAll().entries();
    }

    @Test
    void anUnlinkWhoseReadBackFailsUnexpectedlyReadsAsUnknownRightAway() throws Exception {
        ActionJournal journal = new ActionJournal(home.resolve(ActionJournal.FILE_NAME), Clock.systemUTC());
        LinkService links = new LinkService(new LostThenBroken(), journal, "https://us.posthog.com");
        GitHubLink link = HttpInventoryService.link(row(900));

        assertThrows(IllegalStateException.class,
                () -> links.unlink(new LinkService.Target(ACME, SECRET_LAB), link, true));

        List<JournalEntry> read = readInThisProcess(journal);
        assertEquals(1, read.size(), "the delete was sent and its outcome is not known: " + read);
        assertEquals(JournalEntry.Action.UNLINK, read.get(0).action());
        assertEquals(JournalEntry.Outcome.UNKNOWN, read.get(0).outcome());
    }

    @Test
    void aLinkWhoseReadBackFailsUnexpectedlyReadsAsUnknownRightAway() throws Exception {
        ActionJournal journal = new ActionJournal(home.resolve(ActionJournal.FILE_NAME), Clock.systemUTC());
        LinkService links = new LinkService(new LostThenBroken(), journal, "https://us.posthog.com");
        InstallationOption option = new InstallationOption("12345678", "acme-gh", null, 108L, "Checkout", null);

        assertThrows(IllegalStateException.class,
                () -> links.linkOne(new LinkService.Target(ACME, SECRET_LAB), option, List.of()));

        List<JournalEntry> read = readInThisProcess(journal);
        assertEquals(1, read.size(), "the link was sent and its outcome is not known: " + read);
        assertEquals(JournalEntry.Action.LINK, read.get(0).action());
        assertEquals(JournalEntry.Outcome.UNKNOWN, read.get(0).outcome());
    }
}

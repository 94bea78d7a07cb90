package dev.hoglink.ui.link;

import static dev.hoglink.ui.link.LinkTestSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiErrors;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.service.link.LinkResult;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.support.TestClock;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A switch's step 2 when the delete's answer is lost: what the read after it finds says how it ended. */
class SwitchPlanTest {

    @TempDir
    Path dir;

    @Test
    void anUnlinkWhoseAnswerWasLostAndWhoseRowARereadFindsGoneIsDoneNotDoneOtherwiseThanPlanned() throws Exception {
        FakeLinkApi api = new FakeLinkApi().linked(102, 9, "12345678", "acme", true)
                .offers("87654321", "acme-labs", 101L, "Web");
        api.applyBeforeDeleteFailure = true;
        api.deleteFailures.add(ApiErrors.network(true)); // PostHog deleted the row; its answer never came back
        LinkService service = new LinkService(api, LinkTestSupport.journal(dir,
                new TestClock(LinkTestSupport.START)), HOST);
        LinkService.Target mobile = LinkTestSupport.target(102, "Mobile");
        SwitchPlan plan = new SwitchPlan(new SameThreadTaskRunner(), service, mobile);
        plan.projectLinks(service.links(102));
        InstallationOption labs = new InstallationOption("87654321", "acme-labs", AccountType.ORGANIZATION, 101L,
                "Web", null);
        plan.select(new OptionRow(labs, 3, List.of("Web")));
        plan.chosenProperty().set(true);
        plan.linkStarted();
        LinkResult linked = service.linkOne(mobile, labs);
        assertTrue(linked.linked(), linked.message());

        plan.linkAnswered(linked, () -> { });

        String step = plan.steps().get(1);
        assertTrue(step.startsWith("2. Unlink acme: done: "), step);
        assertTrue(!step.contains("not as planned"), step);
        assertTrue(step.endsWith("PostHog now shows it: Mobile no longer uses acme (id 12345678); it keeps acme-labs."), step);
    }
}

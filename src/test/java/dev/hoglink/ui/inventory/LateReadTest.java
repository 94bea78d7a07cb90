package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogApi;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.inventory.ProjectReads;
import dev.hoglink.ui.common.ManualTaskRunner;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Another client changes a project while two reads of it are out over the same connection: the read that left
 * first and answers last (a slow answer from the audit window, say) must not replace the newer one, neither in
 * the connection's store of reads (which the audit builds on) nor on the window's row. Driven by latches over the
 * real client and sandbox: no sleeps.
 */
class LateReadTest {

    private SandboxServer sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    /** The real client, except that a read made on the "late-read" thread waits, answer in hand, for a latch. */
    private static PostHogApi holdingLateReads(PostHogClient real, CountDownLatch answered, CountDownLatch release) {
        return (PostHogApi) Proxy.newProxyInstance(PostHogApi.class.getClassLoader(), new Class<?>[] {PostHogApi.class},
                (proxy, method, args) -> {
                    Object answer;
                    try {
                        answer = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("githubIntegrations") && Thread.currentThread().getName().equals("late-read")) {
                        answered.countDown();
                        if (!release.await(10, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("never released");
                        }
                    }
                    return answer;
                });
    }

    @Test
    void aSlowerOlderReadLandingAfterANewerOneDoesNotBringBackTheOldState() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner"))).build();
        CountDownLatch answered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ProjectReads store = new ProjectReads(Clock.systemUTC());
        HttpInventoryService inventory = new HttpInventoryService(holdingLateReads(client, answered, release), store);
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = new InventoryViewModel(runner, null, Clock.systemUTC(), 4);
        vm.zone = ZoneOffset.UTC;
        vm.connect(sandbox.baseUri().toString(), inventory, null);
        runner.runAll();
        assertEquals(RowState.NOT_CONNECTED, vm.row(110).state());

        // The audit window reads Billing (110): PostHog answers "not connected", and the answer is slow to arrive.
        AtomicReference<List<GitHubLink>> lateAnswer = new AtomicReference<>();
        Thread late = new Thread(() -> lateAnswer.set(inventory.githubLinks(110)), "late-read");
        late.start();
        assertTrue(answered.await(10, TimeUnit.SECONDS));

        // Meanwhile another client links Billing, and the window reads it again (F5): connected.
        client.linkExisting(110, new LinkExistingRequest(101L, "10000001", null));
        vm.refresh();
        runner.runAll();
        assertEquals(RowState.CONNECTED, vm.row(110).state());

        // The older answer lands last.
        release.countDown();
        late.join(10_000);

        assertEquals(RowState.CONNECTED, vm.row(110).state(), "the window's row keeps the newer read");
        assertEquals("10000001", store.get(110).orElseThrow().links().get(0).installationId(),
                "the store (what the audit reuses) keeps the newer read");
        assertEquals(1, lateAnswer.get().size(), "the late read gives the newest known links, not the older answer");
    }
}

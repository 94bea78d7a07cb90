package dev.hoglink.api;

import java.util.Random;

/** Builds clients against a {@link FakeApiServer} with fake time and no real waits. */
final class ClientFixtures {

    static final String KEY = "phx_testKey0123456789abcdefABCDEF";

    private ClientFixtures() {
    }

    static PostHogClient.Builder builder(String base, FakeTime time) {
        return PostHogClient.builder(base, ApiKey.of(KEY))
                .sleeper(time)
                .nanoTime(time)
                .clock(FakeTime.clock())
                .random(new Random(7));
    }

    static PostHogClient client(FakeApiServer server, FakeTime time) {
        return builder(server.base(), time).build();
    }
}

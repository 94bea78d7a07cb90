package dev.hoglink.ui.inventory;

import dev.hoglink.service.ProjectLoader;
import dev.hoglink.service.ServiceException;
import dev.hoglink.util.Waits;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The hour's budget of requests, as the window meets it: once PostHog (or the client's own windows, which count
 * as PostHog counts: 480 a minute, 4,800 an hour) refuse a read with a wait, every other read would be refused the
 * same way, so the rows still to read wait instead of being sent into 429s; the window says how many wait and
 * counts down to when requests go again, then reads them. Part of {@link ProjectRowsLoader}; UI thread only.
 */
final class ReadBudget {

    static final String TITLE = "PostHog's request budget for this key is spent";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final Set<Long> waiting = new LinkedHashSet<>();
    private Instant resumeAt;

    /** Whether this failure is the budget (a 429 or the client's windows), which every later read would meet too. */
    static boolean spentBy(ServiceException e) {
        return e.kind() == ServiceException.Kind.THROTTLED;
    }

    /**
     * A read met the spent budget: every other queued read would be refused the same way, so they wait for the
     * budget instead of walking into 429s; rows with nothing to show yet say why, the others keep what they show;
     * the window says how many wait and when reading goes on.
     */
    void meet(InventoryViewModel vm, ServiceException e, long projectId, ProjectLoader<?> loader,
              LongFunction<ProjectRowViewModel> rowOf) {
        List<Long> ids = new ArrayList<>(List.of(projectId));
        ids.addAll(loader.dropQueued());
        spend(vm.clock.instant(), e.retryAfter().orElse(null), ids);
        for (Long id : ids) {
            ProjectRowViewModel r = rowOf.apply(id);
            if (r != null && !r.linksKnown()) {
                r.fail(e);
            }
        }
        vm.done.set(loader.done());
        vm.banner(TITLE, text(vm.clock.instant(), vm.zone));
    }

    /** Once a second: the countdown in the banner, then, once it is over, the waiting projects handed to {@code read}. */
    void tick(InventoryViewModel vm, Consumer<Set<Long>> read) {
        if (!spent()) {
            return;
        }
        List<Long> ids = due(vm.clock.instant());
        if (ids.isEmpty()) {
            vm.banner(TITLE, text(vm.clock.instant(), vm.zone));
            return;
        }
        vm.budgetOver(); // its banner goes; a failed refresh's stays, and says so again
        read.accept(new java.util.HashSet<>(ids));
    }

    /** The budget is spent until {@code now + wait}; these projects wait for it. */
    void spend(Instant now, Duration wait, Collection<Long> projectIds) {
        Instant at = now.plus(wait == null ? Duration.ofMinutes(1) : wait);
        resumeAt = resumeAt == null || at.isAfter(resumeAt) ? at : resumeAt;
        waiting.addAll(projectIds);
    }

    boolean spent() {
        return resumeAt != null;
    }

    /** When requests go again; null when the budget is not spent. */
    Instant resumeAt() {
        return resumeAt;
    }

    /** The projects that wait, once their time has come (the budget is then no longer spent); else empty. */
    List<Long> due(Instant now) {
        if (resumeAt == null || now.isBefore(resumeAt)) {
            return List.of();
        }
        List<Long> ids = List.copyOf(waiting);
        forget();
        return ids;
    }

    void forget() {
        resumeAt = null;
        waiting.clear();
    }

    /** "Hoglink has sent … 1,200 projects wait; reading goes on by itself at 14:05, in 23 min 10 s." */
    String text(Instant now, ZoneId zone) {
        String countdown = Waits.countdown(Duration.between(now, resumeAt));
        int n = waiting.size();
        return "Hoglink has sent the requests PostHog allows for now (480 a minute, 4,800 an hour), so nothing more is "
                + "sent until then. " + String.format(Locale.ENGLISH, "%,d", n) + (n == 1 ? " project waits" : " projects wait")
                + "; reading goes on by itself at " + CLOCK.format(resumeAt.atZone(zone)) + ", in " + countdown + ".";
    }
}

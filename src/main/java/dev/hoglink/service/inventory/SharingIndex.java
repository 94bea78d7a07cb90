package dev.hoglink.service.inventory;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which loaded projects use which GitHub App installation, so each can say how many others share its
 * installation. Changes mark the installations they touch; {@link #drainAffected()} then names every project
 * of those installations once, so that 2,000 projects joining one installation cost 2,000 updates, not
 * 2,000 x 2,000. Keyed by the caller's project objects (identity), on one thread.
 *
 * @param <P> the caller's project type (a table row)
 */
public final class SharingIndex<P> {

    private final Map<String, Set<P>> byInstallation = new HashMap<>();
    private final Map<P, Set<String>> ofProject = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();

    /**
     * Records the installations a project uses now (ids, nulls ignored); marks those it joined or left. Returns
     * the installations whose projects changed: those it joined or left (empty when it uses the same ones).
     */
    public Set<String> track(P project, Collection<String> installationIds) {
        Set<String> old = ofProject.getOrDefault(project, Set.of());
        Set<String> now = new LinkedHashSet<>();
        installationIds.stream().filter(java.util.Objects::nonNull).forEach(now::add);
        ofProject.put(project, now);
        Set<String> changed = new HashSet<>();
        for (String inst : old) {
            if (!now.contains(inst)) {
                Set<P> group = byInstallation.get(inst);
                if (group != null) {
                    group.remove(project);
                }
                dirty.add(inst);
                changed.add(inst);
            }
        }
        for (String inst : now) {
            if (byInstallation.computeIfAbsent(inst, k -> new HashSet<>()).add(project)) {
                changed.add(inst);
            }
            dirty.add(inst);
        }
        return changed;
    }

    /** The installations a project is tracked with; empty when it is not tracked. */
    public Set<String> installationsOf(P project) {
        return Set.copyOf(ofProject.getOrDefault(project, Set.of()));
    }

    /** Every installation some tracked project uses. */
    public Set<String> installations() {
        Set<String> all = new HashSet<>();
        byInstallation.forEach((inst, group) -> {
            if (!group.isEmpty()) {
                all.add(inst);
            }
        });
        return all;
    }

    /** Forgets a project (it left the list); marks its installations. Returns false when it was not tracked. */
    public boolean untrack(P project) {
        Set<String> old = ofProject.remove(project);
        if (old == null) {
            return false;
        }
        for (String inst : old) {
            Set<P> group = byInstallation.get(inst);
            if (group != null) {
                group.remove(project);
            }
            dirty.add(inst);
        }
        return true;
    }

    /** The projects of every installation marked since the last call; clears the marks. */
    public Set<P> drainAffected() {
        Set<P> affected = new HashSet<>();
        dirty.forEach(inst -> affected.addAll(byInstallation.getOrDefault(inst, Set.of())));
        dirty.clear();
        return affected;
    }

    /** How many other tracked projects use the installation; 0 for null. */
    public int others(String installationId) {
        return installationId == null ? 0
                : Math.max(0, byInstallation.getOrDefault(installationId, Set.of()).size() - 1);
    }

    /**
     * How many tracked projects other than {@code project} use the installation, whether or not {@code project} is
     * tracked with it yet; 0 for null.
     */
    public int othersThan(P project, String installationId) {
        if (installationId == null) {
            return 0;
        }
        Set<P> group = byInstallation.getOrDefault(installationId, Set.of());
        return group.size() - (group.contains(project) ? 1 : 0);
    }

    public void clear() {
        byInstallation.clear();
        ofProject.clear();
        dirty.clear();
    }

    /**
     * The projects besides {@code touched} to read again after the touched ones joined or left an installation
     * that {@code others} (the loaded projects other than the touched ones) use. PostHog's
     * {@code installation_shared} of a project says another project uses its installation; a project that keeps
     * at least one other user (or had one before) keeps its flag, so only a lone other user can change: it is
     * read again, the rest are not. A link or unlink of one project so costs at most two reads.
     */
    public static <T> java.util.List<T> rereadAfterChange(Collection<T> others) {
        return others.size() == 1 ? java.util.List.copyOf(others) : java.util.List.of();
    }
}

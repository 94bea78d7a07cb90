package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Organizations (E2): the list and one organization. */
final class OrganizationsHandler {

    private final Gate gate;

    OrganizationsHandler(Gate gate) {
        this.gate = gate;
    }

    Response list(World w, Exchange ex) {
        Gate.requireMethod(ex, "GET");
        gate.throttle(ex);
        List<JsonNode> items = new ArrayList<>();
        for (World.Org o : Gate.visibleOrgs(w, ex)) {
            items.add(JsonViews.fullOrg(w, ex, o));
        }
        return Response.json(200, Paging.paginate(ex, items));
    }

    Response detail(World w, Exchange ex) {
        World.Org o = gate.org(w, ex);
        Gate.requireMethod(ex, "GET");
        return Response.json(200, JsonViews.fullOrg(w, ex, o));
    }
}

package dev.hoglink.ui.main;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.ui.audit.AuditCommands;
import dev.hoglink.ui.connect.ConnectionChoice;
import dev.hoglink.ui.connect.ConnectionCommands;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.link.LinkCommands;
import dev.hoglink.ui.oauth.OAuthCommands;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;

/** The main window's commands, each forwarded to the feature that owns it. Built once by the composition root. */
public final class MainCommands implements MainActions {

    private final ConnectionCommands connections;
    private final LinkCommands links;
    private final OAuthCommands oauth;
    private final AuditCommands audit;

    public MainCommands(ConnectionCommands connections, LinkCommands links, OAuthCommands oauth, AuditCommands audit) {
        this.connections = Objects.requireNonNull(connections);
        this.links = Objects.requireNonNull(links);
        this.oauth = Objects.requireNonNull(oauth);
        this.audit = Objects.requireNonNull(audit);
    }

    @Override
    public void link(ProjectRowViewModel row) {
        links.openLinkDialog(row);
    }

    @Override
    public void startOAuth(ProjectRowViewModel row) {
        oauth.openFor(row);
    }

    @Override
    public void unlink(ProjectRowViewModel row, GitHubLink link) {
        links.unlink(row, link);
    }

    @Override
    public void manageOnGitHub(ProjectRowViewModel row, GitHubLink link) {
        links.manageOnGitHub(row, link);
    }

    @Override
    public void openRepositoryAccess(GitHubLink link) {
        links.openRepositoryAccess(link);
    }

    @Override
    public List<ConnectionChoice> connectionChoices() {
        return connections.choices();
    }

    @Override
    public void connectNew() {
        connections.openDialog(Optional.empty(), null);
    }

    @Override
    public void openSandbox() {
        connections.openSandbox();
    }

    @Override
    public void askForNewKey() {
        connections.askForNewKey();
    }

    @Override
    public void linkProjects(List<ProjectRowViewModel> rows) {
        links.openBulkDialog(rows);
    }

    @Override
    public void undoLastLink() {
        links.undoLastLink();
    }

    @Override
    public javafx.beans.property.ReadOnlyStringProperty undoLastLinkLabelProperty() {
        return links.undoLabelProperty();
    }

    @Override
    public void openAudit() {
        audit.open();
    }

    @Override
    public ReadOnlyBooleanProperty welcomeShownProperty() {
        return connections.welcomeShownProperty();
    }

    @Override
    public void dismissWelcome() {
        connections.dismissWelcome();
    }
}

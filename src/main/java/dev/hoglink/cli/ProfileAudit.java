package dev.hoglink.cli;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.connection.ProfileStore;
import dev.hoglink.service.credentials.CredentialStoreException;
import dev.hoglink.service.credentials.Credentials;
import dev.hoglink.service.credentials.KeyringCredentialStore;
import dev.hoglink.service.signin.SignInFailure;
import dev.hoglink.service.signin.SignInService;
import dev.hoglink.service.signin.SignInStore;
import dev.hoglink.util.AppDirs;
import java.io.PrintStream;
import java.time.Clock;

/**
 * {@code hoglink audit --profile NAME}: the audit over a saved connection, with no key in the environment. A
 * profile signed in with PostHog ({@code hoglink login}) resumes its session from the refresh token in the OS
 * keyring; any other uses the personal API key saved in the keyring for it.
 */
final class ProfileAudit {

    private ProfileAudit() {
    }

    static byte[] run(AuditCommand.Options options, AppDirs dirs, PrintStream progress, PrintStream err) {
        KeyringCredentialStore keyring = KeyringCredentialStore.system();
        try {
            return run(options, dirs, new Credentials(keyring), progress, err);
        } finally {
            keyring.shutdown();
        }
    }

    static byte[] run(AuditCommand.Options options, AppDirs dirs, Credentials credentials, PrintStream progress,
                      PrintStream err) {
        ProfileStore profiles = ProfileStore.open(dirs);
        ConnectionProfile profile = profiles.find(options.profile()).orElseThrow(() -> new AuditCommand.Failure(
                "no saved connection named \"" + options.profile() + "\" (hoglink login --profile NAME --host URL makes one)"));
        if (profile.sandbox() || profile.host() == null) {
            throw new AuditCommand.Failure("\"" + profile.name() + "\" is the sandbox; use audit --sandbox");
        }
        {
            SignInService signIn = new SignInService(SignInStore.open(dirs), credentials, Clock.systemUTC());
            PostHogClient client;
            ApiKey windowKey = null;
            try {
                if (signIn.isSignedIn(profile.name())) {
                    SignInService.SignedIn s = signIn.resume(profile.name(), profile.host());
                    client = PostHogClient.builder(profile.host().url(), s.session().current()).bearer(s.session()).build();
                } else {
                    String key = credentials.read(profile.name()).orElseThrow(() -> new AuditCommand.Failure(
                            "\"" + profile.name() + "\" has no saved key or sign-in; run hoglink login --profile \""
                                    + profile.name() + "\""));
                    windowKey = ApiKey.of(key);
                    client = PostHogClient.builder(profile.host().url(), windowKey).build();
                }
            } catch (SignInFailure e) {
                throw new AuditCommand.Failure(e.getMessage());
            } catch (CredentialStoreException e) {
                throw new AuditCommand.Failure("the keyring could not be read: " + e.getMessage());
            } catch (ApiException e) {
                throw new AuditCommand.Failure(e.userMessage());
            }
            return AuditCommand.audit(options, profile.host(), client, windowKey, progress, dirs, err);
        }
    }
}

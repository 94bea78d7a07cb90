package dev.hoglink.e2e;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The admin's part of a sign-in, scripted as a browser does it: open the sandbox's consent page, submit its form
 * (Authorize or Deny, as a chosen seeded user), and follow the redirect to Hoglink's loopback listener.
 */
public final class ScriptedConsent {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** The consent page's HTML. */
    public String page(URI authorizeUrl) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(authorizeUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("consent page answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Submits the form and returns where PostHog sends the browser (the loopback redirect), without going there. */
    public URI submit(URI authorizeUrl, boolean allow, int userId) throws Exception {
        return submit(authorizeUrl, allow, userId, null);
    }

    /** As {@link #submit(URI, boolean, int)}, approving only {@code scope} (space-separated) when not null. */
    public URI submit(URI authorizeUrl, boolean allow, int userId, String scope) throws Exception {
        String html = page(authorizeUrl);
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            form.put(m.group(1), unescape(m.group(2)));
        }
        if (scope != null) {
            form.put("scope", scope);
        }
        form.put("user", String.valueOf(userId));
        form.put("allow", String.valueOf(allow));
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        URI post = authorizeUrl.resolve("/oauth/authorize/");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(post)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302) {
            throw new IllegalStateException("consent answered " + r.statusCode() + ": " + r.body());
        }
        return URI.create(r.headers().firstValue("Location").orElseThrow());
    }

    /** Follows a redirect to the loopback listener; returns its status. */
    public int land(URI redirect) throws Exception {
        return http.send(HttpRequest.newBuilder(redirect).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Authorize (or Deny) as the user, then land on the listener, as the browser would. */
    public int consent(URI authorizeUrl, boolean allow, int userId) throws Exception {
        return land(submit(authorizeUrl, allow, userId));
    }

    static Map<String, String> query(URI u) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : u.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

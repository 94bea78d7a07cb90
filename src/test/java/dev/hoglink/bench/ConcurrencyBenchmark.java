package dev.hoglink.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How many requests to keep in flight, and over which protocol: the JDK HTTP client Hoglink uses, sending GETs
 * with at most N in flight, over HTTP/1.1 (the client opens a connection per request in flight) and over HTTP/2
 * (one connection, N streams), against {@code packaging/bench/h2-server.mjs} (TLS, a network delay in front). Each
 * round uses a new client, so connection set-up is counted. Prints one line per round: protocol, in flight,
 * requests, wall time, requests per second, the client's CPU time, and connections the server saw. Not a test:
 * {@code packaging/bench-concurrency.sh} runs it.
 *
 * <pre>ConcurrencyBenchmark URL CERT.pem REQUESTS IN_FLIGHT[,IN_FLIGHT...] [ROUNDS=2]</pre>
 */
public final class ConcurrencyBenchmark {

    private ConcurrencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        SSLContext tls = trusting(Path.of(args[1]));
        int requests = Integer.parseInt(args[2]);
        List<Integer> inFlight = new ArrayList<>();
        for (String n : args[3].split(",")) {
            inFlight.add(Integer.parseInt(n.trim()));
        }
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        // Warm-up: the first client pays for class loading and compilation; neither protocol should carry it.
        run(base, tls, HttpClient.Version.HTTP_2, 8, 200);
        run(base, tls, HttpClient.Version.HTTP_1_1, 8, 200);
        System.out.println("protocol  in_flight requests  wall_ms   req_per_s  client_cpu_ms  connections");
        for (int round = 0; round < rounds; round++) {
            for (int n : inFlight) {
                // Alternate which protocol goes first, so a drift in the machine's load is shared.
                List<HttpClient.Version> order = (round + n) % 2 == 0
                        ? List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)
                        : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1);
                for (HttpClient.Version v : order) {
                    int before = connections(base, tls);
                    long cpu0 = cpuNanos();
                    long t0 = System.nanoTime();
                    run(base, tls, v, n, requests);
                    long wall = System.nanoTime() - t0;
                    long cpu = cpuNanos() - cpu0;
                    int conns = connections(base, tls) - before - 1; // the stats request's own connection
                    System.out.printf(Locale.ROOT, "%-9s %9d %8d %8d %11.0f %14d %12d%n",
                            v == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1", n, requests, wall / 1_000_000,
                            requests / (wall / 1e9), cpu / 1_000_000, conns);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load_average=%s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        System.exit(0);
    }

    /** Sends {@code requests} GETs with at most {@code n} in flight on a new client; fails on any non-200. */
    static void run(URI base, SSLContext tls, HttpClient.Version version, int n, int requests) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Semaphore slots = new Semaphore(n);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            slots.acquire();
            if (i == 1) {
                // As in the app, one request (the organization, its first page) goes alone before the fan-out;
                // without it the JDK client opens an HTTP/2 connection for each request sent before the first
                // connection is up (a round shows that as connections = N).
                all.get(0).join();
            }
            HttpRequest req = HttpRequest.newBuilder(base.resolve("/api/projects/" + (1000 + i)
                    + "/integrations/?kind=github&limit=100")).timeout(Duration.ofSeconds(30)).build();
            all.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() != 200) {
                    failed.incrementAndGet();
                }
                slots.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + requests + " requests failed (" + version + ", "
                    + n + " in flight)");
        }
    }

    private static int connections(URI base, SSLContext tls) throws Exception {
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build();
        String body = c.send(HttpRequest.newBuilder(base.resolve("/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"connections\":(\\d+)").matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A TLS context that trusts the bench server's self-signed certificate (and nothing else). */
    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            ks.setCertificateEntry("bench", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}

package dev.hoglink.hardening;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw socket server on 127.0.0.1, port 0, that reads each request and then misbehaves in one chosen way. It
 * counts connections and records each request's method, so tests can tell retries (and resends) apart.
 */
final class FaultServer implements AutoCloseable {

    /** How the server misbehaves after reading a request. */
    enum Fault {
        /** Closes without sending a byte. */
        EMPTY_RESPONSE,
        /** Aborts the connection with a TCP reset (SO_LINGER 0, then close). */
        CONNECTION_RESET,
        /** Sends random bytes (echoing the request's Authorization header among them), then closes. */
        GARBAGE_THEN_CLOSE,
        /** Reads the request and never answers. */
        STALL,
        /** Sends a 200 with a 10 MB body. */
        TEN_MB_BODY,
        /** Sends a 200 that announces 2,000 bytes, sends 700 of them, then closes. */
        BODY_CUT_MID_WAY,
        /** Sends the headers of a 200 with a 500-byte body, and closes. */
        HEADERS_ONLY_THEN_CLOSE,
        /** Sends the headers of a 200 with a 500-byte body, and then nothing. */
        HEADERS_ONLY_THEN_STALL
    }

    static final int TEN_MB = 10 * 1024 * 1024;

    private final ServerSocket socket;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> methods = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Random random = new Random(42);
    private volatile Fault fault = Fault.EMPTY_RESPONSE;

    FaultServer() {
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pool.execute(this::acceptLoop);
    }

    String base() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Sets the fault and clears the counters. */
    void inject(Fault f) {
        fault = f;
        connections.set(0);
        methods.clear();
    }

    int connections() {
        return connections.get();
    }

    /** The method of every request read, in order (a connection that sent no request adds nothing). */
    List<String> methods() {
        return List.copyOf(methods);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                Fault f = fault;
                pool.execute(() -> serve(s, f));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, Fault f) {
        try (s) {
            s.setTcpNoDelay(true);
            String head = RawHttp.readRequest(s.getInputStream());
            if (head == null) {
                return;
            }
            methods.add(head.substring(0, Math.max(0, head.indexOf(' '))));
            OutputStream out = s.getOutputStream();
            switch (f) {
                case EMPTY_RESPONSE -> {
                }
                case CONNECTION_RESET -> s.setSoLinger(true, 0);
                case GARBAGE_THEN_CLOSE -> {
                    byte[] junk = new byte[700];
                    synchronized (random) {
                        random.nextBytes(junk);
                    }
                    out.write(junk);
                    out.write(("\r\n" + RawHttp.header(head, "authorization") + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                case STALL -> stall();
                case TEN_MB_BODY -> {
                    out.write(headers(TEN_MB));
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) ' ');
                    for (int sent = 0; sent < TEN_MB; sent += chunk.length) {
                        out.write(chunk);
                    }
                    out.flush();
                }
                case BODY_CUT_MID_WAY -> {
                    out.write(headers(2000));
                    byte[] part = ("{\"id\": 1, \"email\": \"" + "a".repeat(700)).substring(0, 700)
                            .getBytes(StandardCharsets.US_ASCII);
                    out.write(part);
                    out.flush();
                }
                case HEADERS_ONLY_THEN_CLOSE -> {
                    out.write(headers(500));
                    out.flush();
                }
                case HEADERS_ONLY_THEN_STALL -> {
                    out.write(headers(500));
                    out.flush();
                    stall();
                }
            }
        } catch (IOException e) {
            // the client hung up first: expected for the 10 MB body and the stalls
        }
    }

    private static byte[] headers(int length) {
        return ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private void stall() {
        try {
            closed.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        pool.shutdownNow();
    }
}

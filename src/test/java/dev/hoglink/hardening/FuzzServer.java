package dev.hoglink.hardening;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process HTTP/1.1 server on 127.0.0.1, port 0, that answers every request with the status and body set
 * last, keeping connections alive. A raw socket server rather than the JDK's: that one sends headers and body in
 * separate packets and, unless a JVM-wide property is set before any instance exists, waits on delayed ACKs
 * (about 40 ms a request), which made thousands of bodies take minutes.
 */
final class FuzzServer implements AutoCloseable {

    /** {@code body} for the first request after {@link #serve}, {@code rest} for the ones after it. */
    private record Answer(int status, byte[] body, byte[] rest, java.util.concurrent.atomic.AtomicBoolean first) {
        byte[] next() {
            return first.getAndSet(false) ? body : rest;
        }
    }

    private final ServerSocket socket;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong served = new AtomicLong();
    private volatile Answer answer = new Answer(200, new byte[0], new byte[0], new java.util.concurrent.atomic.AtomicBoolean());

    FuzzServer() {
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

    /** Every following request gets {@code status} and {@code body}. */
    void serve(int status, byte[] body) {
        serve(status, body, body);
    }

    /** The next request gets {@code status} and {@code body}, every one after it {@code status} and {@code rest}. */
    void serve(int status, byte[] body, byte[] rest) {
        answer = new Answer(status, body, rest, new java.util.concurrent.atomic.AtomicBoolean(true));
    }

    long served() {
        return served.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            while (RawHttp.readRequest(s.getInputStream()) != null) {
                Answer a = answer;
                byte[] body = a.next();
                served.incrementAndGet();
                byte[] head = ("HTTP/1.1 " + a.status() + " Fuzzed\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] all = new byte[head.length + body.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                out.write(all);
                out.flush();
            }
        } catch (IOException e) {
            // the client hung up: expected after a body over its cap
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        pool.shutdownNow();
    }
}

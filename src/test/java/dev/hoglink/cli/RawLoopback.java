package dev.hoglink.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Raw servers on loopback that answer as a test's handler writes, byte for byte: for answers no real server sends.
 * Closing it closes them, their connections and whatever else a test handed to {@link #onClose}.
 */
final class RawLoopback implements AutoCloseable {

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @FunctionalInterface
    interface Handler {
        void handle(Socket s) throws IOException;
    }

    /** Closes {@code c} when this closes. */
    void onClose(AutoCloseable c) {
        open.add(c);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A raw server handling each connection on its own thread; its port. */
    int serve(Handler handler) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> sockets = new CopyOnWriteArrayList<>();
        open.add(() -> {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        });
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    Thread h = new Thread(() -> {
                        try {
                            handler.handle(s);
                        } catch (IOException e) {
                            // the client went away
                        }
                    });
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    /** Reads a request's head, up to the blank line; returns it. */
    static String readHead(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}

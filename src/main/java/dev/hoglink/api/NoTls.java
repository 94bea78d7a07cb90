package dev.hoglink.api;

import java.security.Provider;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS settings of a plain-http client (only hosts on this computer may use http). The JDK's HTTP client asks
 * for a TLS context and its default parameters when it is built; the JDK's own context answers by setting up
 * its whole TLS provider (cipher suites, protocols, signature schemes: some 180 classes of {@code sun.security.ssl}
 * and more of certificates and crypto), work the sandbox's start-up does not need. This context has no
 * provider behind it: it does nothing until a TLS connection is asked of it, and then it refuses, so a
 * plain-http client can never carry a TLS request either.
 */
final class NoTls {

    private NoTls() {
    }

    /** A context that refuses every TLS connection and sets up nothing before. */
    static SSLContext context() {
        return new Context();
    }

    /** Empty parameters: the client copies them instead of asking the context for its defaults. */
    static SSLParameters parameters() {
        return new SSLParameters();
    }

    private static final class Context extends SSLContext {
        Context() {
            super(new Refusing(), new Provider("HoglinkNoTls", "1", "refuses TLS on plain-http clients") {
                private static final long serialVersionUID = 1L;
            }, "TLS");
        }
    }

    private static final class Refusing extends SSLContextSpi {
        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("TLS is not used for a plain-http host");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            // nothing to set up
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return parameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return parameters();
        }
    }
}

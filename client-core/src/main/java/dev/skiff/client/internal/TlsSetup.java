package dev.skiff.client.internal;

import dev.skiff.client.ClientConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Sets up an OkHttp client's TLS from a configuration: which server certificates are trusted (only the
 * configured CAs when there are any, else the JDK's trust store; nothing checked only when
 * insecure-skip-tls-verify is asked for), which client certificate is offered, and which server name is
 * sent in SNI and verified.
 */
final class TlsSetup {
  private TlsSetup() {}

  /**
   * Configures the builder's SSL socket factory and hostname verifier.
   *
   * @param builder the client builder
   * @param config the configuration
   * @param clientCertificate the client certificate to offer at each handshake, or null when none
   * @return the SSL context, whose client sessions must be invalidated when the client certificate changes
   */
  static SSLContext apply(OkHttpClient.Builder builder, ClientConfig config, Supplier<KeyMaterial> clientCertificate) {
    X509TrustManager trust = config.insecureSkipTlsVerify()
        ? new TrustAllManager()
        : trustManager(config.certificateAuthorityPem().map(pem -> Pem.certificates(pem, "certificate authority")).orElse(null));
    KeyManager[] keys = clientCertificate == null ? null : new KeyManager[] {new ClientKeyManager(clientCertificate)};
    SSLSocketFactory factory;
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(keys, new TrustManager[] {trust}, null);
      factory = context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e, e);
    }
    if (config.insecureSkipTlsVerify()) {
      builder.sslSocketFactory(factory, trust).hostnameVerifier((host, session) -> true);
    } else if (config.tlsServerName().isPresent()) {
      // The JDK checks the certificate against the name given when the socket is layered, which
      // ServerNameSocketFactory replaces, so OkHttp's own check (against the URL's host) must stand aside.
      HostnameVerifier checkedByJdk = (host, session) -> true;
      builder.sslSocketFactory(new ServerNameSocketFactory(factory, config.tlsServerName().get()), trust)
          .hostnameVerifier(checkedByJdk);
    } else {
      builder.sslSocketFactory(factory, trust);
    }
    return context;
  }

  /**
   * Forgets the context's client sessions, so that the next handshake is a full one: a resumed session
   * would carry the client certificate it was established with.
   */
  static void invalidateClientSessions(SSLContext context) {
    SSLSessionContext sessions = context.getClientSessionContext();
    for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements(); ) {
      SSLSession session = sessions.getSession(ids.nextElement());
      if (session != null) {
        session.invalidate();
      }
    }
  }

  /** Trusts exactly the given CAs, or the JDK's defaults when null. */
  private static X509TrustManager trustManager(List<X509Certificate> authorities) {
    try {
      KeyStore store = null;
      if (authorities != null) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < authorities.size(); i++) {
          store.setCertificateEntry("ca-" + i, authorities.get(i));
        }
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager m : factory.getTrustManagers()) {
        if (m instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK offers no X.509 trust manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS trust: " + e, e);
    }
  }

  /** Accepts any server certificate: insecure-skip-tls-verify. */
  private static final class TrustAllManager implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // Client side only.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // Deliberately accepts everything: the user asked to skip verification.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * Layers TLS as if the server were called {@code serverName}: the JDK then sends that name in SNI and,
   * with HTTPS endpoint identification switched on here, checks the certificate against it.
   */
  private static final class ServerNameSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String serverName;

    ServerNameSocketFactory(SSLSocketFactory delegate, String serverName) {
      this.delegate = delegate;
      this.serverName = serverName;
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
      return identify(delegate.createSocket(socket, serverName, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return identify(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return identify(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return identify(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return identify(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    private static Socket identify(Socket socket) {
      if (socket instanceof SSLSocket ssl) {
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
      }
      return socket;
    }
  }
}

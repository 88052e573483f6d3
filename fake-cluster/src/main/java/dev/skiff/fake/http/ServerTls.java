package dev.skiff.fake.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import javax.net.ssl.SSLException;
import okhttp3.tls.HeldCertificate;

/**
 * A serving certificate made on the spot: a private certificate authority and a server certificate it signs
 * for {@code 127.0.0.1} and {@code localhost}. Clients trust the cluster by trusting {@link
 * #caCertificatePem()} (kubeconfig's {@code certificate-authority-data}), never by turning verification off.
 */
public final class ServerTls {

  /** Long enough for any test run, short enough that a leaked CA is worthless soon. */
  private static final Duration VALIDITY = Duration.ofDays(7);

  private final HeldCertificate ca;
  private final HeldCertificate server;
  private final SslContext sslContext;

  private ServerTls(HeldCertificate ca, HeldCertificate server) {
    this.ca = ca;
    this.server = server;
    try {
      this.sslContext = SslContextBuilder.forServer(server.keyPair().getPrivate(), server.certificate(), ca.certificate())
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("the JDK refused a freshly made certificate", e);
    }
  }

  /**
   * Makes a new certificate authority and server certificate (ECDSA P-256, valid for seven days).
   *
   * @return the material
   */
  public static ServerTls selfSigned() {
    long now = System.currentTimeMillis();
    // Backdated a minute: a client whose clock runs slightly behind must not see "not yet valid".
    long from = now - Duration.ofMinutes(1).toMillis();
    long until = now + VALIDITY.toMillis();
    HeldCertificate ca = new HeldCertificate.Builder()
        .commonName("skiff-fake-cluster-ca")
        .organizationalUnit("skiff")
        .certificateAuthority(0)
        .validityInterval(from, until)
        .build();
    HeldCertificate server = new HeldCertificate.Builder()
        .commonName("skiff-fake-cluster")
        .addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost")
        .signedBy(ca)
        .validityInterval(from, until)
        .build();
    return new ServerTls(ca, server);
  }

  /**
   * The certificate authority that signed the serving certificate, PEM-encoded.
   *
   * @return {@code -----BEGIN CERTIFICATE-----} text
   */
  public String caCertificatePem() {
    return ca.certificatePem();
  }

  /**
   * The serving certificate, PEM-encoded (for tests that pin it).
   *
   * @return {@code -----BEGIN CERTIFICATE-----} text
   */
  public String serverCertificatePem() {
    return server.certificatePem();
  }

  /** The Netty server context; shared by all connections. */
  SslContext sslContext() {
    return sslContext;
  }
}

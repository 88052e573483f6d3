package dev.skiff.client;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * Certificates and keys for tests, made fresh with okhttp-tls: a CA, server certificates for localhost, and
 * client certificates with RSA or EC keys in each PEM encoding kubeconfigs carry.
 */
public final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(1);

  private TestPki() {}

  /** A self-signed CA that may sign one level of intermediates. */
  public static HeldCertificate ca(String name) {
    return new HeldCertificate.Builder().commonName(name).certificateAuthority(1).serialNumber(SERIAL.getAndIncrement())
        .build();
  }

  /** An intermediate CA signed by {@code issuer}. */
  public static HeldCertificate intermediate(String name, HeldCertificate issuer) {
    return new HeldCertificate.Builder().commonName(name).certificateAuthority(0).signedBy(issuer)
        .serialNumber(SERIAL.getAndIncrement()).build();
  }

  /** A server certificate for the given DNS names and IP addresses, signed by {@code issuer}. */
  public static HeldCertificate server(HeldCertificate issuer, String... names) {
    HeldCertificate.Builder b = new HeldCertificate.Builder().commonName(names[0]).signedBy(issuer)
        .serialNumber(SERIAL.getAndIncrement());
    for (String n : names) {
      b.addSubjectAlternativeName(n);
    }
    return b.build();
  }

  /** A client certificate with an RSA 2048 key. */
  public static HeldCertificate rsaClient(String user, HeldCertificate issuer) {
    return new HeldCertificate.Builder().commonName(user).rsa2048().signedBy(issuer)
        .serialNumber(SERIAL.getAndIncrement()).build();
  }

  /** A client certificate with an EC P-256 key. */
  public static HeldCertificate ecClient(String user, HeldCertificate issuer) {
    return new HeldCertificate.Builder().commonName(user).ecdsa256().signedBy(issuer)
        .serialNumber(SERIAL.getAndIncrement()).build();
  }

  /** Server-side TLS: serves {@code serverCertificate} and trusts client certificates from {@code clientCa}. */
  public static HandshakeCertificates serverSide(HeldCertificate serverCertificate, HeldCertificate clientCa) {
    HandshakeCertificates.Builder b = new HandshakeCertificates.Builder().heldCertificate(serverCertificate);
    if (clientCa != null) {
      b.addTrustedCertificate(clientCa.certificate());
    }
    return b.build();
  }

  /**
   * The EC key of a certificate as SEC1 PEM ({@code BEGIN EC PRIVATE KEY}) the way openssl writes it:
   * {@code ECPrivateKey {version 1, privateKey, [0] curve OID, [1] publicKey}}. The JDK's PKCS#8 encoding holds
   * the inner ECPrivateKey without the curve, so the curve is taken from the PKCS#8 algorithm and put back.
   */
  public static String ecSec1Pem(KeyPair keyPair) {
    byte[] pkcs8 = keyPair.getPrivate().getEncoded();
    // PrivateKeyInfo ::= SEQUENCE { INTEGER 0, SEQUENCE { OID ecPublicKey, OID curve }, OCTET STRING ECPrivateKey }
    Der outer = Der.read(pkcs8, 0).contents();
    Der version = outer;
    Der algorithm = version.next();
    Der curve = algorithm.contents().next();
    Der inner = algorithm.next().contents(); // the ECPrivateKey SEQUENCE inside the OCTET STRING
    Der innerVersion = inner.contents();
    Der privateKey = innerVersion.next();
    byte[] sec1 = sequence(concat(innerVersion.encoded(), privateKey.encoded(), element(0xa0, curve.encoded()),
        element(0xa1, bitString(uncompressedPoint(keyPair)))));
    return pem("EC PRIVATE KEY", sec1);
  }

  /** The public point 04||X||Y of an EC P-256 key, from the tail of its X.509 SubjectPublicKeyInfo. */
  private static byte[] uncompressedPoint(KeyPair keyPair) {
    byte[] spki = keyPair.getPublic().getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 65, spki.length);
  }

  private static byte[] bitString(byte[] bits) {
    return element(0x03, concat(new byte[] {0}, bits));
  }

  /** PEM text for DER bytes. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] sequence(byte[] contents) {
    return element(0x30, contents);
  }

  private static byte[] element(int tag, byte[] contents) {
    BigInteger len = BigInteger.valueOf(contents.length);
    byte[] header;
    if (contents.length < 0x80) {
      header = new byte[] {(byte) tag, (byte) contents.length};
    } else {
      byte[] l = len.toByteArray();
      int skip = l[0] == 0 ? 1 : 0;
      header = new byte[2 + l.length - skip];
      header[0] = (byte) tag;
      header[1] = (byte) (0x80 | (l.length - skip));
      System.arraycopy(l, skip, header, 2, l.length - skip);
    }
    return concat(header, contents);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  /** A cursor over DER elements, just enough to take a PKCS#8 EC key apart. */
  private static final class Der {
    private final byte[] bytes;
    private final int start;
    private final int contentStart;
    private final int end;

    private Der(byte[] bytes, int start, int contentStart, int end) {
      this.bytes = bytes;
      this.start = start;
      this.contentStart = contentStart;
      this.end = end;
    }

    static Der read(byte[] bytes, int pos) {
      int len = bytes[pos + 1] & 0xff;
      int contentStart = pos + 2;
      if (len >= 0x80) {
        int count = len & 0x7f;
        len = 0;
        for (int i = 0; i < count; i++) {
          len = (len << 8) | (bytes[contentStart++] & 0xff);
        }
      }
      return new Der(bytes, pos, contentStart, contentStart + len);
    }

    Der contents() {
      return read(bytes, contentStart);
    }

    Der next() {
      return read(bytes, end);
    }

    byte[] encoded() {
      return Arrays.copyOfRange(bytes, start, end);
    }
  }
}

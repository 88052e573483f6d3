package dev.skiff.client.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM text Kubernetes configurations carry: X.509 certificates and unencrypted private keys in
 * the three encodings kubeconfigs and exec plugins use (PKCS#8 {@code PRIVATE KEY}, RSA PKCS#1
 * {@code RSA PRIVATE KEY}, EC SEC1 {@code EC PRIVATE KEY}). The JDK reads only PKCS#8, so the other two
 * are wrapped into PKCS#8 here. Error messages never quote the PEM text, which may hold a key.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  /** DER of the AlgorithmIdentifier {rsaEncryption, NULL}. */
  private static final byte[] RSA_ALGORITHM = {
    0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
  };
  /** DER of the OID id-ecPublicKey (1.2.840.10045.2.1). */
  private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
  /** DER of INTEGER 0, the PKCS#8 version. */
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private Pem() {}

  /**
   * Decodes every {@code CERTIFICATE} block of a PEM text, in order (a leaf and its intermediates, or a CA
   * bundle).
   *
   * @param pem PEM text
   * @param what what the text is, for error messages (e.g. "client certificate")
   * @return the certificates, at least one
   * @throws IllegalArgumentException when the text holds no certificate or a malformed one
   */
  public static List<X509Certificate> certificates(String pem, String what) {
    List<X509Certificate> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      while (m.find()) {
        if (m.group(1).equals("CERTIFICATE")) {
          byte[] der = decodeBody(m.group(2), what);
          out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException(what + ": malformed certificate (" + e.getMessage() + ")", e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(what + ": no PEM certificate found (expected -----BEGIN CERTIFICATE-----)");
    }
    return out;
  }

  /**
   * Decodes the first private key block of a PEM text.
   *
   * @param pem PEM text with a {@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY} block;
   *     other blocks (such as openssl's {@code EC PARAMETERS}) are skipped
   * @param what what the text is, for error messages (e.g. "client key")
   * @return the key (RSA, EC or EdDSA)
   * @throws IllegalArgumentException when there is no such block, the key is encrypted or malformed
   */
  public static PrivateKey privateKey(String pem, String what) {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      switch (type) {
        case "PRIVATE KEY":
          return pkcs8(decodeBody(m.group(2), what), what, "RSA", "EC", "Ed25519", "Ed448");
        case "RSA PRIVATE KEY":
          return pkcs8(rsaToPkcs8(decodeBody(m.group(2), what)), what, "RSA");
        case "EC PRIVATE KEY":
          return pkcs8(ecToPkcs8(decodeBody(m.group(2), what), what), what, "EC");
        case "ENCRYPTED PRIVATE KEY":
          throw new IllegalArgumentException(what + ": encrypted private keys are not supported; decrypt the key first");
        default:
          // Not a key: keep looking.
      }
    }
    throw new IllegalArgumentException(what + ": no PEM private key found (expected -----BEGIN PRIVATE KEY-----, "
        + "-----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)");
  }

  /**
   * Checks that a private key belongs to a certificate by signing with the one and verifying with the other,
   * which catches the common mistake of pairing a certificate with another key.
   *
   * @param certificate the certificate
   * @param key the private key
   * @param what what they are, for the error message (e.g. "client")
   * @throws IllegalArgumentException when they are not a pair
   */
  public static void requireKeyPair(X509Certificate certificate, PrivateKey key, String what) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm(); // Ed25519, Ed448 and EdDSA name their own signature algorithm
    };
    byte[] probe = "skiff key pair check".getBytes(StandardCharsets.US_ASCII);
    boolean pair;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      pair = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      pair = false;
    }
    if (!pair) {
      throw new IllegalArgumentException("the " + what + " key (" + key.getAlgorithm() + ") does not match the "
          + what + " certificate (" + certificate.getPublicKey().getAlgorithm() + ", "
          + certificate.getSubjectX500Principal() + ")");
    }
  }

  private static byte[] decodeBody(String body, String what) {
    if (body.contains("Proc-Type:") || body.contains("DEK-Info:")) {
      throw new IllegalArgumentException(what + ": encrypted private keys are not supported; decrypt the key first");
    }
    try {
      return Base64.getMimeDecoder().decode(body.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": malformed base64 in a PEM block");
    }
  }

  private static PrivateKey pkcs8(byte[] der, String what, String... algorithms) {
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not this algorithm (or unavailable): try the next.
      }
    }
    throw new IllegalArgumentException(what + ": malformed or unsupported private key (tried "
        + String.join(", ", algorithms) + ")");
  }

  /** PKCS#8 PrivateKeyInfo {version 0, rsaEncryption, OCTET STRING (the PKCS#1 RSAPrivateKey)}. */
  private static byte[] rsaToPkcs8(byte[] pkcs1) {
    return Der.sequence(VERSION_0, RSA_ALGORITHM, Der.element(0x04, pkcs1));
  }

  /**
   * PKCS#8 PrivateKeyInfo {version 0, {id-ecPublicKey, curve}, OCTET STRING (the SEC1 ECPrivateKey)}. The
   * curve comes from the SEC1 structure's optional {@code [0] parameters}, which openssl always writes.
   */
  private static byte[] ecToPkcs8(byte[] sec1, String what) {
    byte[] curve = null;
    try {
      Der.Reader outer = new Der.Reader(sec1);
      Der.Reader fields = outer.next(0x30).contents();
      while (fields.hasNext()) {
        Der.Reader.Element e = fields.next(-1);
        if (e.tag() == 0xa0) {
          curve = e.contents().next(0x06).encoded();
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": malformed EC private key");
    }
    if (curve == null) {
      throw new IllegalArgumentException(what + ": the EC private key does not name its curve");
    }
    ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
    algorithm.writeBytes(EC_PUBLIC_KEY_OID);
    algorithm.writeBytes(curve);
    return Der.sequence(VERSION_0, Der.element(0x30, algorithm.toByteArray()), Der.element(0x04, sec1));
  }
}

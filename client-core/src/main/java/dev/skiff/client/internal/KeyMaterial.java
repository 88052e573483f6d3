package dev.skiff.client.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A client certificate chain (leaf first) and its private key.
 *
 * @param chain the certificates, leaf first
 * @param key the leaf's private key
 */
record KeyMaterial(List<X509Certificate> chain, PrivateKey key) {
  KeyMaterial {
    chain = List.copyOf(chain);
  }

  /** Parses PEM text (see {@link Pem}) and checks that the key belongs to the leaf certificate. */
  static KeyMaterial fromPem(String certificatePem, String keyPem, String what) {
    List<X509Certificate> chain = Pem.certificates(certificatePem, what + " certificate");
    PrivateKey key = Pem.privateKey(keyPem, what + " key");
    Pem.requireKeyPair(chain.get(0), key, what);
    return new KeyMaterial(chain, key);
  }

  /** Names the leaf's subject; the key stays out. */
  @Override
  public String toString() {
    return "KeyMaterial{" + chain.get(0).getSubjectX500Principal() + ", key=<redacted>}";
  }
}

package dev.skiff.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

class PemTest {
  private static final HeldCertificate CA = TestPki.ca("pem-test-ca");
  private static final HeldCertificate RSA = TestPki.rsaClient("rsa-user", CA);
  private static final HeldCertificate EC = TestPki.ecClient("ec-user", CA);

  @Test
  void readsRsaPkcs1() throws Exception {
    assertThat(RSA.privateKeyPkcs1Pem()).contains("BEGIN RSA PRIVATE KEY");
    PrivateKey key = Pem.privateKey(RSA.privateKeyPkcs1Pem(), "key");
    assertPairs(key, RSA.certificate().getPublicKey(), "SHA256withRSA");
  }

  @Test
  void readsRsaPkcs8() throws Exception {
    assertThat(RSA.privateKeyPkcs8Pem()).contains("BEGIN PRIVATE KEY");
    PrivateKey key = Pem.privateKey(RSA.privateKeyPkcs8Pem(), "key");
    assertPairs(key, RSA.certificate().getPublicKey(), "SHA256withRSA");
  }

  @Test
  void readsEcSec1() throws Exception {
    String sec1 = TestPki.ecSec1Pem(EC.keyPair());
    assertThat(sec1).contains("BEGIN EC PRIVATE KEY");
    PrivateKey key = Pem.privateKey(sec1, "key");
    assertThat(key.getAlgorithm()).isEqualTo("EC");
    assertPairs(key, EC.certificate().getPublicKey(), "SHA256withECDSA");
  }

  @Test
  void readsEcSec1AfterOpensslParametersBlock() throws Exception {
    // `openssl ecparam -genkey` writes the curve as its own block before the key.
    String pem = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
        + TestPki.ecSec1Pem(EC.keyPair());
    assertPairs(Pem.privateKey(pem, "key"), EC.certificate().getPublicKey(), "SHA256withECDSA");
  }

  @Test
  void readsEcPkcs8() throws Exception {
    PrivateKey key = Pem.privateKey(EC.privateKeyPkcs8Pem(), "key");
    assertPairs(key, EC.certificate().getPublicKey(), "SHA256withECDSA");
  }

  @Test
  void readsCertificateChainInOrder() {
    HeldCertificate intermediate = TestPki.intermediate("intermediate", CA);
    HeldCertificate leaf = TestPki.ecClient("leaf", intermediate);
    List<X509Certificate> chain = Pem.certificates(
        "leading text is ignored\n" + leaf.certificatePem() + intermediate.certificatePem(), "chain");
    assertThat(chain).containsExactly(leaf.certificate(), intermediate.certificate());
  }

  @Test
  void rejectsEncryptedKeys() {
    String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";
    assertThatThrownBy(() -> Pem.privateKey(encrypted, "client key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client key: encrypted private keys are not supported");
    String legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
        + "-----END RSA PRIVATE KEY-----\n";
    assertThatThrownBy(() -> Pem.privateKey(legacy, "client key")).hasMessageContaining("encrypted");
  }

  @Test
  void errorsNameWhatButNeverQuoteTheKey() {
    String pkcs8 = RSA.privateKeyPkcs8Pem();
    String body = pkcs8.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    String corrupted = pkcs8.replace(body, body.substring(0, 20) + "AAAA" + body.substring(24));
    assertThatThrownBy(() -> Pem.privateKey(corrupted.replace("PRIVATE KEY", "EC PRIVATE KEY"), "client key"))
        .hasMessageStartingWith("client key: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body.substring(0, 16)));
    assertThatThrownBy(() -> Pem.privateKey(RSA.certificatePem(), "client key"))
        .hasMessageContaining("no PEM private key found");
    assertThatThrownBy(() -> Pem.certificates(pkcs8, "client certificate"))
        .hasMessageContaining("client certificate: no PEM certificate found")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body.substring(0, 16)));
  }

  /** The key signs what the certificate's public key verifies: they are a pair. */
  private static void assertPairs(PrivateKey key, PublicKey publicKey, String algorithm) throws GeneralSecurityException {
    byte[] data = "kubernetes".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(publicKey);
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();
  }
}

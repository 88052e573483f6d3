package dev.skiff.client.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Offers the client certificate a supplier currently holds, so that a certificate an exec plugin renews is
 * used by the next TLS handshake without rebuilding the SSL context. Offers nothing while the supplier has
 * none. Client side only.
 */
final class ClientKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "client";

  private final Supplier<KeyMaterial> material;

  ClientKeyManager(Supplier<KeyMaterial> material) {
    this.material = material;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return material.get() != null ? ALIAS : null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return chooseClientAlias(keyTypes, issuers, null);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return material.get() != null ? new String[] {ALIAS} : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    KeyMaterial m = material.get();
    return m != null && ALIAS.equals(alias) ? m.chain().toArray(new X509Certificate[0]) : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    KeyMaterial m = material.get();
    return m != null && ALIAS.equals(alias) ? m.key() : null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}

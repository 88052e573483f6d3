package dev.skiff.client.internal;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/**
 * Routes a client through the configured proxy: {@code http://} (HTTPS goes through CONNECT; credentials in
 * the URL answer the proxy's 407) or {@code socks5://}.
 */
final class ProxySetup {
  private ProxySetup() {}

  static void apply(OkHttpClient.Builder builder, URI proxy) {
    boolean socks = "socks5".equalsIgnoreCase(proxy.getScheme());
    int port = proxy.getPort() != -1 ? proxy.getPort() : socks ? 1080 : 80;
    // Unresolved: the proxy's name is looked up when connecting, like any server's.
    builder.proxy(new Proxy(socks ? Proxy.Type.SOCKS : Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
    String userInfo = proxy.getRawUserInfo();
    if (userInfo != null && !socks) {
      int colon = userInfo.indexOf(':');
      String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
      String authorization = Credentials.basic(user, password, StandardCharsets.UTF_8);
      builder.proxyAuthenticator((route, response) -> {
        if (authorization.equals(response.request().header("Proxy-Authorization"))) {
          return null; // The proxy refused these credentials already: asking again cannot help.
        }
        return response.request().newBuilder().header("Proxy-Authorization", authorization).build();
      });
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}

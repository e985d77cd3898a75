package org.rmbt.ledger.node.cli;

import org.rmbt.ledger.core.hash.MalformedException;

/** {@code --node HOST:PORT}: a host name, IPv4 address or bracketed IPv6 address, and a port. */
final class NodeAddressCodec {
  record NodeAddress(String host, int port) {}

  private NodeAddressCodec() {}

  static NodeAddress decode(String field, String text) throws MalformedException {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new MalformedException(field, "want HOST:PORT, got " + text);
    }
    String host = text.substring(0, colon);
    String port = text.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new MalformedException(field, "an IPv6 address goes in brackets: [::1]:7443");
    }
    if (host.isEmpty() || !host.matches("[A-Za-z0-9.:_-]+")) {
      throw new MalformedException(field, "not a host name or address: " + host);
    }
    if (!port.matches("[1-9][0-9]{0,4}") || Integer.parseInt(port) > 65535) {
      throw new MalformedException(field, "port must be in [1, 65535], got " + port);
    }
    return new NodeAddress(host, Integer.parseInt(port));
  }
}

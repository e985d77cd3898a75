package org.rmbt.ledger.node.grpc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway CA with server and client certificates, written as PEM files in a temp dir. */
final class TestCertificates {
  final Path caCert;
  final Path serverCert;
  final Path serverKey;
  final Path clientCert;
  final Path clientKey;

  TestCertificates(Path dir) throws Exception {
    KeyPair ca = keyPair();
    X500Name caName = new X500Name("CN=rmbt test CA");
    X509Certificate caCertificate = issue(caName, ca, caName, ca, true);
    KeyPair server = keyPair();
    KeyPair client = keyPair();
    caCert = write(dir.resolve("ca.pem"), pem("CERTIFICATE", caCertificate.getEncoded()));
    serverCert =
        write(
            dir.resolve("server.pem"),
            pem("CERTIFICATE", issue(caName, ca, new X500Name("CN=localhost"), server, false)));
    serverKey = write(dir.resolve("server.key"), pem("PRIVATE KEY", server.getPrivate()));
    clientCert =
        write(
            dir.resolve("client.pem"),
            pem("CERTIFICATE", issue(caName, ca, new X500Name("CN=regulator-a"), client, false)));
    clientKey = write(dir.resolve("client.key"), pem("PRIVATE KEY", client.getPrivate()));
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static X509Certificate issue(
      X500Name issuer, KeyPair issuerKey, X500Name subject, KeyPair subjectKey, boolean isCa)
      throws Exception {
    long now = System.currentTimeMillis();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(now).add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
            new Date(now - 3_600_000),
            new Date(now + 86_400_000),
            subject,
            subjectKey.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (!isCa) {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
    }
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(b.build(signer));
  }

  private static String pem(String type, X509Certificate cert) throws Exception {
    return pem(type, cert.getEncoded());
  }

  /** Java private keys encode as PKCS#8, which is what gRPC's key manager reads. */
  private static String pem(String type, java.security.PrivateKey key) {
    return pem(type, key.getEncoded());
  }

  private static String pem(String type, byte[] der) {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }

  private static Path write(Path p, String text) throws Exception {
    Files.writeString(p, text, StandardCharsets.US_ASCII);
    return p;
  }
}

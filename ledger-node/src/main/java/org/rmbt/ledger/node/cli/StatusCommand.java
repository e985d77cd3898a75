package org.rmbt.ledger.node.cli;

import java.util.concurrent.Callable;
import org.rmbt.ledger.proto.CertificateStatusResponse;
import org.rmbt.ledger.proto.GetCertificateStatusRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    description =
        "A certificate's status (ACTIVE, RESTRICTED, SUSPENDED, EXPIRED, WITHDRAWN), computed by"
            + " the node from the logged decisions as of its latest checkpoint.")
final class StatusCommand implements Callable<Integer> {
  @Option(names = "--certificate", required = true, description = "Certificate id.")
  String certificate;

  @Option(
      names = "--as-of",
      defaultValue = "0",
      description = "Time in ms since the epoch (default: now).")
  long asOf;

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    CertificateStatusResponse r;
    try (NodeClient node = NodeClient.open(client)) {
      r =
          node.records()
              .getCertificateStatus(
                  GetCertificateStatusRequest.newBuilder()
                      .setCertificateId(certificate)
                      .setAsOfMillis(asOf)
                      .build());
    }
    if (client.json) {
      var o =
          Report.object()
              .put("result", "ok")
              .put("certificate", r.getCertificateId())
              .put("status", r.getStatus())
              .put("treeSize", r.getTreeSize())
              .put("asOf", r.getAsOfMillis());
      var decisions = o.putArray("decisionIndexes");
      r.getDecisionIndexesList().forEach(decisions::add);
      Report.print(o);
    } else {
      System.out.println(
          "certificate "
              + r.getCertificateId()
              + ": "
              + r.getStatus()
              + " (tree size "
              + r.getTreeSize()
              + ", as of "
              + java.time.Instant.ofEpochMilli(r.getAsOfMillis())
              + ", decisions at "
              + r.getDecisionIndexesList()
              + ")");
    }
    return Rmbt.OK;
  }
}

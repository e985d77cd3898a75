package org.rmbt.ledger.node.anchor;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.verify.BundleVerifier;
import org.rmbt.ledger.core.verify.ProofBundle;

/**
 * A proof bundle's anchors checked against chain endpoints: for each anchor whose chain has an
 * endpoint, the chain backs it ({@link ChainAnchorVerifier}, log id = SHA-256 of the trusted log
 * key) and the bundle proves its checkpoint extends the anchored (size, root) ({@link
 * BundleVerifier#anchoredCheckpoint}). Run it after the bundle itself verified.
 */
public final class BundleAnchorCheck {
  /** How many anchors were checked, and how many had no endpoint. */
  public record Outcome(int checked, int notChecked) {}

  private BundleAnchorCheck() {}

  public static Outcome verify(
      ProofBundle bundle, BundleVerifier verifier, VerifierKey logKey, RpcEndpoints rpc)
      throws MalformedException, VerificationException {
    Hash logId = AnchorService.logId(logKey.publicKey());
    List<ProofBundle.Anchor> anchors = bundle.anchors();
    int checked = 0;
    for (int i = 0; i < anchors.size(); i++) {
      ProofBundle.Anchor a = anchors.get(i);
      Optional<String> url = rpc.forChain(a.chainId());
      if (url.isEmpty()) {
        continue;
      }
      String where = "anchors[" + i + "] (chain " + a.chainId() + ")";
      try {
        verifier.anchoredCheckpoint(bundle, a);
        onChain(a, url.get(), logId);
      } catch (VerificationException e) {
        throw new VerificationException(where + ": " + e.getMessage(), e);
      }
      checked++;
    }
    return new Outcome(checked, anchors.size() - checked);
  }

  private static void onChain(ProofBundle.Anchor a, String url, Hash logId)
      throws VerificationException {
    ChainAnchorVerifier chain = new ChainAnchorVerifier(url);
    try {
      chain.verify(a, Optional.of(logId));
    } catch (IOException | RuntimeException e) {
      // unreachable, or an answer that is not what a chain returns: the anchor is not backed
      throw new VerificationException("chain endpoint " + url + " failed: " + e.getMessage(), e);
    } finally {
      chain.close();
    }
  }
}

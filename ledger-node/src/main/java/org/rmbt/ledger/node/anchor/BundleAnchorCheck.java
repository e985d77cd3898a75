package org.rmbt.ledger.node.anchor;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.verify.BundleVerifier;
import org.rmbt.ledger.core.verify.ProofBundle;

/**
 * A proof bundle's anchors checked against chain endpoints: for each anchor whose chain has an
 * endpoint, the chain backs it ({@link ChainAnchorVerifier}, log id = SHA-256 of the trusted log
 * key), the bundle proves its checkpoint extends the anchored (size, root) ({@link
 * BundleVerifier#anchoredCheckpoint}), and the chain's {@code checkpointHash} is SHA-256 of the
 * anchored checkpoint's note with the log's signature only. Run it after the bundle itself
 * verified.
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
        SignedCheckpoint anchored = verifier.anchoredCheckpoint(bundle, a);
        Hash onChain = onChain(a, url.get(), logId);
        requireCheckpointHash(onChain, ChainAnchorer.sha256(anchored.logSignedNote()));
      } catch (VerificationException e) {
        throw new VerificationException(where + ": " + e.getMessage(), e);
      }
      checked++;
    }
    return new Outcome(checked, anchors.size() - checked);
  }

  /** The chain's checkpointHash is SHA-256 of the anchored note with the log's signature only. */
  private static void requireCheckpointHash(Hash onChain, Hash note)
      throws AnchorVerificationException {
    if (!onChain.equals(note)) {
      throw new AnchorVerificationException(
          "checkpointHash",
          "chain holds 0x"
              + onChain.hex()
              + ", but the anchored checkpoint note hashes to 0x"
              + note.hex());
    }
  }

  /** The chain backs the anchor; returns the checkpointHash it holds. */
  private static Hash onChain(ProofBundle.Anchor a, String url, Hash logId)
      throws VerificationException {
    ChainAnchorVerifier chain = new ChainAnchorVerifier(url);
    try {
      return chain.verify(a, Optional.of(logId));
    } catch (IOException | RuntimeException e) {
      // unreachable, or an answer that is not what a chain returns: the anchor is not backed
      throw new VerificationException("chain endpoint " + url + " failed: " + e.getMessage(), e);
    } finally {
      chain.close();
    }
  }
}

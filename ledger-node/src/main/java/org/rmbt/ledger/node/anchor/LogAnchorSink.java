package org.rmbt.ledger.node.anchor;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.ledger.AppendResult;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.core.ledger.LedgerView;
import org.rmbt.ledger.core.record.RecordCodec;
import org.rmbt.ledger.core.verify.AnchorReceipts;

/**
 * The log as the anchor service's sink: each final anchor becomes an {@code AnchorReceipt} entry
 * signed by the anchoring participant (a WITNESS or REGULATOR the compliance log knows), appended
 * and waited for until a checkpoint covers it. What is receipted already is read back from the log
 * (subject {@code anchor:<chainId>}), so a restarted node neither loses nor repeats a receipt.
 */
public final class LogAnchorSink implements AnchorSink {
  private static final System.Logger LOG = System.getLogger(LogAnchorSink.class.getName());

  private final Ledger ledger;
  private final Ed25519PrivateKey receiptKey;
  private final Duration appendTimeout;
  private final List<Long> chains;

  /**
   * @param chains every chain the node anchors to: their receipts do not count as new entries
   */
  public LogAnchorSink(
      Ledger ledger, Ed25519PrivateKey receiptKey, Duration appendTimeout, List<Long> chains) {
    this.ledger = ledger;
    this.receiptKey = receiptKey;
    this.appendTimeout = appendTimeout;
    this.chains = List.copyOf(chains);
  }

  @Override
  public long receiptsBetween(long from, long to) {
    LedgerView view = ledger.view();
    return chains.stream().mapToLong(c -> AnchorReceipts.countBetween(view, c, from, to)).sum();
  }

  @Override
  public OptionalLong receiptedSize(long chainId, String registry) {
    try {
      return AnchorReceipts.receiptedSize(ledger.view(), chainId, registry);
    } catch (MalformedException e) {
      throw new IllegalStateException("the log holds an undecodable receipt: " + e.getMessage(), e);
    }
  }

  @Override
  public void accept(AnchorResult result) {
    byte[] envelope = RecordCodec.seal(result.toReceipt(), receiptKey).toByteArray();
    AppendResult r;
    try {
      r = ledger.append(envelope).get(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (MalformedException | VerificationException e) {
      throw new IllegalStateException("the log refused the anchor receipt: " + e.getMessage(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("appending the anchor receipt failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted appending the anchor receipt", e);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "anchor receipt for chain "
            + result.chainId()
            + " size "
            + result.treeSize()
            + " logged at index "
            + r.index());
  }
}

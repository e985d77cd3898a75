package org.rmbt.ledger.core.verify;

import com.google.protobuf.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.LedgerView;
import org.rmbt.ledger.core.record.CertificateStatusCalculator;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.record.RecordCodec;
import org.rmbt.ledger.core.record.RecordState;
import org.rmbt.ledger.proto.CertificationDecision;
import org.rmbt.ledger.proto.ModelRef;
import org.rmbt.ledger.proto.ModelVersion;

/**
 * Builds the provenance bundle of a model, or of one model version (docs/BUNDLES.md): the genesis;
 * every participant's chain, since signer authority at any entry depends on registrations,
 * rotations and revocations before it; the model's chain and its lineage's (parent versions, which
 * may belong to other model ids); every certificate decided about any of them and the schemes those
 * decisions use — each chain complete as of the latest checkpoint, every entry with its inclusion
 * proof to that one checkpoint, and the status of each certificate about the model itself.
 */
public final class ProvenanceAssembler {
  private static final int PAGE = 1024;

  private final LedgerView view;
  private final BundleAssembler bundles;

  public ProvenanceAssembler(LedgerView view, String logKey) {
    this(view, logKey, List.of());
  }

  /**
   * @param anchorChains chain ids whose latest {@code AnchorReceipt} each bundle carries, with a
   *     consistency proof from the anchored checkpoint
   */
  public ProvenanceAssembler(LedgerView view, String logKey, List<Long> anchorChains) {
    this.view = view;
    this.bundles = new BundleAssembler(view, logKey, anchorChains);
  }

  /**
   * The provenance of every version of {@code modelId}.
   *
   * @param state the registry at least as of the latest checkpoint (e.g. {@code
   *     CompliancePolicy.state()}); its participants and decisions are read
   * @param asOfMillis the time the status claims hold at
   * @param earlierSizes checkpoint sizes to add consistency proofs from (may be empty)
   */
  public ProofBundle forModel(
      RecordState state, String modelId, long asOfMillis, SortedSet<Long> earlierSizes)
      throws MalformedException {
    return assemble(state, new Root("model:" + modelId, modelId, null), asOfMillis, earlierSizes);
  }

  /** The provenance of one model version: as {@link #forModel}, narrowed to that version. */
  public ProofBundle forVersion(
      RecordState state, ModelRef version, long asOfMillis, SortedSet<Long> earlierSizes)
      throws MalformedException {
    Root root =
        new Root(
            "model:" + version.getModelId() + "@" + version.getVersion(),
            version.getModelId(),
            version.getVersion());
    return assemble(state, root, asOfMillis, earlierSizes);
  }

  /** The subject the bundle is about, and which decisions' certificates get a status claim. */
  private record Root(String subject, String modelId, String version) {
    boolean covers(ModelRef m) {
      return m.getModelId().equals(modelId) && (version == null || m.getVersion().equals(version));
    }
  }

  private ProofBundle assemble(
      RecordState state, Root root, long asOfMillis, SortedSet<Long> earlierSizes)
      throws MalformedException {
    // One checkpoint for everything, fixed first: later appends change neither chains nor claims.
    SignedCheckpoint cp = view.latestCheckpoint();
    long size = cp.checkpoint().size();
    Walk walk = new Walk(size, root);
    walk.entries.put(0L, read(0));
    for (String id : state.participantIds()) {
      walk.follow("participant:" + id);
    }
    walk.follow(root.subject());
    walk.run();
    List<ProofBundle.Claim> claims = new ArrayList<>();
    for (String cert : walk.claimed) {
      CertificateStatusCalculator.statusAt(state.decisions(cert), size, asOfMillis)
          .ifPresent(s -> claims.add(new ProofBundle.Claim(cert, s, asOfMillis)));
    }
    return bundles.bundle(cp, walk.entries, earlierSizes, List.copyOf(walk.subjects), claims);
  }

  private byte[] read(long index) throws MalformedException {
    return view.entries(index, 1).get(0);
  }

  private record Chain(String subject, List<Long> indexes) {}

  /** The subjects reached so far, the entries about them, and the model chains still to read. */
  private final class Walk {
    final long size;
    final Set<String> subjects = new LinkedHashSet<>();
    final SortedMap<Long, byte[]> entries = new TreeMap<>();
    final Set<String> claimed = new LinkedHashSet<>();
    final Deque<Chain> models = new ArrayDeque<>();
    final Root root;

    Walk(long size, Root root) {
      this.size = size;
      this.root = root;
    }

    /** Adds a subject's whole chain below the checkpoint; a subject with no entry is left out. */
    void follow(String subject) throws MalformedException {
      if (subjects.contains(subject)) {
        return;
      }
      List<Long> chain = new ArrayList<>();
      for (long from = 0; ; ) {
        List<Long> page = view.entriesAbout(subject, from, PAGE);
        page.stream().filter(i -> i < size).forEach(chain::add);
        if (page.size() < PAGE) {
          break;
        }
        from = page.get(page.size() - 1) + 1;
      }
      if (chain.isEmpty()) {
        return;
      }
      subjects.add(subject);
      for (long i : chain) {
        if (!entries.containsKey(i)) {
          entries.put(i, read(i));
        }
      }
      if (subject.startsWith("model:")) {
        models.add(new Chain(subject, chain));
      }
    }

    /** Reads each model chain for lineage, certificates and schemes until nothing new appears. */
    void run() throws MalformedException {
      while (!models.isEmpty()) {
        Chain model = models.poll();
        for (long i : model.indexes()) {
          byte[] bytes = entries.get(i);
          visit(
              model.subject(),
              RecordCodec.decodePayload(EntryCodec.decodeEntry(bytes).getEnvelope()));
        }
      }
    }

    private void visit(String model, Message record) throws MalformedException {
      if (record instanceof ModelVersion m && m.hasParent()) {
        ModelRef p = m.getParent();
        // A parent of the same model id is already in a whole-model chain.
        if (!model.equals("model:" + p.getModelId())) {
          follow("model:" + p.getModelId() + "@" + p.getVersion());
        }
      } else if (record instanceof CertificationDecision d) {
        follow("cert:" + d.getCertificateId());
        follow("scheme:" + d.getScheme().getSchemeId());
        if (root.covers(d.getSubject())) {
          claimed.add(d.getCertificateId());
        }
      }
    }
  }
}

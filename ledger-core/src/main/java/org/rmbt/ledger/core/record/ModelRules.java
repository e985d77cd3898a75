package org.rmbt.ledger.core.record;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.ModelRef;
import org.rmbt.ledger.proto.ModelVersion;
import org.rmbt.ledger.proto.Role;

/**
 * Model versions, registered by the provider they name. Every version of one model id belongs to
 * the provider of its first version; a parent (lineage) must already be in the log.
 */
final class ModelRules {
  static final int MAX_TRAINING_DIGESTS = 256;

  private ModelRules() {}

  static List<String> admit(
      RecordState s, ModelVersion m, List<Participant> signers, long integratedAt)
      throws MalformedException, RecordRejectedException {
    FieldRules.id("record.model_id", m.getModelId());
    FieldRules.id("record.version", m.getVersion());
    FieldRules.id("record.provider_id", m.getProviderId());
    FieldRules.hash("record.artifact_digest", m.getArtifactDigest());
    FieldRules.count(
        "record.training_data_digests", m.getTrainingDataDigestsCount(), 0, MAX_TRAINING_DIGESTS);
    Set<Hash> seen = new HashSet<>();
    for (int i = 0; i < m.getTrainingDataDigestsCount(); i++) {
      String f = "record.training_data_digests[" + i + "]";
      if (!seen.add(FieldRules.hash(f, m.getTrainingDataDigests(i)))) {
        throw new MalformedException(f, "named twice");
      }
    }
    FieldRules.kind("record.risk_tier", m.getRiskTier());
    FieldRules.time("record.released_at", m.getReleasedAt());
    if (m.hasParent()) {
      FieldRules.modelRef("record.parent", true, m.getParent());
    }
    checkReferences(s, m, integratedAt);
    Authority.requireSigner(
        signers, "envelope.signatures", m.getProviderId(), Set.of(Role.PROVIDER));
    return List.of("model:" + m.getModelId(), "model:" + m.getModelId() + "@" + m.getVersion());
  }

  private static void checkReferences(RecordState s, ModelVersion m, long integratedAt)
      throws RecordRuleException {
    if (m.getReleasedAt() > integratedAt) {
      throw new RecordRuleException("record.released_at", "after the entry's integration time");
    }
    if (s.modelVersion(m.getModelId(), m.getVersion()).isPresent()) {
      throw new RecordRuleException("record.version", "already registered for " + m.getModelId());
    }
    Optional<String> owner = s.modelProviders.get(m.getModelId());
    if (owner.isPresent() && !owner.get().equals(m.getProviderId())) {
      throw new RecordRuleException(
          "record.provider_id", "model " + m.getModelId() + " belongs to " + owner.get());
    }
    if (m.hasParent()) {
      ModelRef p = m.getParent();
      if (s.modelVersion(p.getModelId(), p.getVersion()).isEmpty()) {
        throw new RecordRuleException(
            "record.parent", "no model version " + p.getModelId() + "@" + p.getVersion());
      }
    }
  }

  static void apply(RecordState.Builder b, ModelVersion m) {
    b.models = b.models.with(RecordState.modelKey(m.getModelId(), m.getVersion()), m);
    if (b.modelProviders.get(m.getModelId()).isEmpty()) {
      b.modelProviders = b.modelProviders.with(m.getModelId(), m.getProviderId());
    }
  }

  /** The subjects of anything about one model version. */
  static List<String> subjects(ModelRef ref) {
    return List.of(
        "model:" + ref.getModelId(), "model:" + ref.getModelId() + "@" + ref.getVersion());
  }
}

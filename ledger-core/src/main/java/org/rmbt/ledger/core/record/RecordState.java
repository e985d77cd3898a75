package org.rmbt.ledger.core.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.proto.CertificationScheme;
import org.rmbt.ledger.proto.ModelVersion;
import org.rmbt.ledger.proto.Role;

/**
 * The registry as of a log position: everything {@link RecordRules} needs to judge the next entry.
 * Immutable; {@link RecordRules#apply} returns a new state sharing all unchanged structure (each
 * map is a {@link PersistentMap}), so deriving the state after one entry costs O(log n) plus the
 * size of that entry's certificate history, and a staged batch is discarded by dropping it.
 */
public final class RecordState {
  private static final RecordState EMPTY = new Builder().build();

  final long size;
  final int quorum;
  final int activeRegulators;
  final PersistentMap<String, Participant> participants;
  final PersistentMap<String, String> keyOwners;
  final PersistentMap<String, CertificationScheme> schemes;
  final PersistentMap<String, Integer> latestSchemeVersion;
  final PersistentMap<String, ModelVersion> models;
  final PersistentMap<String, String> modelProviders;
  final PersistentMap<Long, AuditAtIndex> audits;
  final PersistentMap<String, Long> auditIds;
  final PersistentMap<String, List<DecisionAtIndex>> certificates;
  final PersistentMap<String, Long> anchoredSizes;
  final PersistentMap<String, Long> erasures;

  private RecordState(Builder b) {
    size = b.size;
    quorum = b.quorum;
    activeRegulators = b.activeRegulators;
    participants = b.participants;
    keyOwners = b.keyOwners;
    schemes = b.schemes;
    latestSchemeVersion = b.latestSchemeVersion;
    models = b.models;
    modelProviders = b.modelProviders;
    audits = b.audits;
    auditIds = b.auditIds;
    certificates = b.certificates;
    anchoredSizes = b.anchoredSizes;
    erasures = b.erasures;
  }

  /** The state of an empty log: the next entry must be the genesis. */
  public static RecordState empty() {
    return EMPTY;
  }

  /** Entries applied so far: the index the next entry must have. */
  public long size() {
    return size;
  }

  /** Distinct regulators that must sign registrations and schemes; 0 before the genesis. */
  public int quorum() {
    return quorum;
  }

  public Optional<Participant> participant(String id) {
    return participants.get(id);
  }

  /** Every participant ever registered (revoked ones too), sorted; O(participants). */
  public List<String> participantIds() {
    List<String> out = new ArrayList<>();
    participants.forEach((id, p) -> out.add(id));
    out.sort(null);
    return out;
  }

  /** Any key ever registered, current or not: what envelope signatures are verified against. */
  public Optional<Ed25519PublicKey> publicKey(String keyId) {
    return keyOwners
        .get(keyId)
        .flatMap(participants::get)
        .flatMap(p -> p.keys().stream().filter(k -> k.keyId().equals(keyId)).findFirst())
        .map(KeyPeriod::key);
  }

  /** The participant a key was registered to, if ever. */
  public Optional<String> keyOwner(String keyId) {
    return keyOwners.get(keyId);
  }

  public Optional<CertificationScheme> scheme(String schemeId, int version) {
    return schemes.get(schemeKey(schemeId, version));
  }

  public Optional<ModelVersion> modelVersion(String modelId, String version) {
    return models.get(modelKey(modelId, version));
  }

  /** The audit record held by entry {@code index}, if that entry is one. */
  public Optional<AuditAtIndex> audit(long index) {
    return audits.get(index);
  }

  /** A certificate's decisions in log order; empty if no such certificate. */
  public List<DecisionAtIndex> decisions(String certificateId) {
    return certificates.get(certificateId).orElse(List.of());
  }

  /** The largest tree size anchored so far on this chain and registry. */
  public OptionalLong anchoredSize(long chainId, String registryHex) {
    Optional<Long> s = anchoredSizes.get(chainId + "/" + registryHex);
    return s.isPresent() ? OptionalLong.of(s.get()) : OptionalLong.empty();
  }

  /** Participants with the role whose current key counts; O(participants), for reports. */
  public List<Participant> activeWithRole(Role role) {
    List<Participant> out = new ArrayList<>();
    participants.forEach(
        (id, p) -> {
          if (!p.revoked() && p.hasRole(role)) {
            out.add(p);
          }
        });
    return out;
  }

  static String schemeKey(String schemeId, int version) {
    return schemeId + "@" + version;
  }

  static String modelKey(String modelId, String version) {
    return modelId + "@" + version;
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  /** Copies thirteen references; the maps themselves are shared, never mutated. */
  static final class Builder {
    long size;
    int quorum;
    int activeRegulators;
    PersistentMap<String, Participant> participants = PersistentMap.empty();
    PersistentMap<String, String> keyOwners = PersistentMap.empty();
    PersistentMap<String, CertificationScheme> schemes = PersistentMap.empty();
    PersistentMap<String, Integer> latestSchemeVersion = PersistentMap.empty();
    PersistentMap<String, ModelVersion> models = PersistentMap.empty();
    PersistentMap<String, String> modelProviders = PersistentMap.empty();
    PersistentMap<Long, AuditAtIndex> audits = PersistentMap.empty();
    PersistentMap<String, Long> auditIds = PersistentMap.empty();
    PersistentMap<String, List<DecisionAtIndex>> certificates = PersistentMap.empty();
    PersistentMap<String, Long> anchoredSizes = PersistentMap.empty();
    PersistentMap<String, Long> erasures = PersistentMap.empty();

    Builder() {}

    private Builder(RecordState s) {
      size = s.size;
      quorum = s.quorum;
      activeRegulators = s.activeRegulators;
      participants = s.participants;
      keyOwners = s.keyOwners;
      schemes = s.schemes;
      latestSchemeVersion = s.latestSchemeVersion;
      models = s.models;
      modelProviders = s.modelProviders;
      audits = s.audits;
      auditIds = s.auditIds;
      certificates = s.certificates;
      anchoredSizes = s.anchoredSizes;
      erasures = s.erasures;
    }

    Builder addParticipant(Participant p) {
      participants = participants.with(p.id(), p);
      for (KeyPeriod k : p.keys()) {
        keyOwners = keyOwners.with(k.keyId(), p.id());
      }
      return this;
    }

    RecordState build() {
      return new RecordState(this);
    }
  }
}

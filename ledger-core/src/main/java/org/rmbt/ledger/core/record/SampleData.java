package org.rmbt.ledger.core.record;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.proto.CertificationDecision;
import org.rmbt.ledger.proto.CertificationDecision.Action;
import org.rmbt.ledger.proto.EntryRef;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.Genesis;
import org.rmbt.ledger.proto.ModelRef;
import org.rmbt.ledger.proto.Role;
import org.rmbt.ledger.proto.SchemeRef;

/**
 * A deterministic sample log for the quickstart, tests and benchmarks: a genesis of regulators in
 * the EU and GB, certification bodies, auditors, providers and a witness in both, the two example
 * schemes, model versions with lineage, audits, a joint GRANT signed in two jurisdictions, a
 * SUSPEND, and a GRANT later RENEWed. Step i is entry i of a fresh log.
 *
 * <p>Decisions cite audit entries by leaf hash, which only the sequencer knows (it depends on the
 * entry's integration time and links), so each step signs its envelope from the leaf hashes of the
 * entries before it. Every signed time derives from {@code startMillis} alone, so any integration
 * at or after it is valid; {@link Step#integratedAt} is the suggested (strictly increasing) time.
 */
public final class SampleData {
  public static final String JOINT_CERTIFICATE = "EAI-2026-0001";
  public static final String RENEWED_CERTIFICATE = "AISS-2026-0001";
  public static final ModelRef ASSIST = SampleRecords.ref("acme-assist", "1.1.0");
  public static final ModelRef FRONTIER = SampleRecords.ref("nimbus-frontier", "1.0.0");
  private static final long DAY = SampleRecords.DAY;

  /** Signs one entry's envelope, given the leaf hashes of all entries before it. */
  @FunctionalInterface
  public interface EnvelopeFactory {
    Envelope envelope(List<Hash> earlierLeafHashes);
  }

  public record Step(String label, long integratedAt, EnvelopeFactory factory) {
    public Envelope envelope(List<Hash> earlierLeafHashes) {
      return factory.envelope(List.copyOf(earlierLeafHashes));
    }
  }

  /** The steps in log order and every participant's private key, by participant id. */
  public record Sample(List<Step> steps, Map<String, Ed25519PrivateKey> keys) {
    public Sample {
      steps = List.copyOf(steps);
      keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }
  }

  private final Random rnd;
  private final long start;
  private final List<Step> steps = new ArrayList<>();
  private final Map<String, Ed25519PrivateKey> keys = new LinkedHashMap<>();

  private SampleData(Random rnd, long start) {
    this.rnd = rnd;
    this.start = start;
  }

  public static Sample generate(Random random, long startMillis) {
    SampleData d = new SampleData(random, startMillis);
    d.participants();
    d.add("scheme " + SampleRecords.ETHICAL, SampleRecords.ethicalAiScheme(), "reg-eu", "reg-gb");
    d.add("scheme " + SampleRecords.SAFETY, SampleRecords.aiSafetyScheme(), "reg-eu", "reg-gb");
    d.models();
    d.jointGrant();
    d.safetyGrantAndRenewal();
    return new Sample(d.steps, d.keys);
  }

  private void participants() {
    Ed25519PrivateKey eu = newKey("reg-eu");
    Ed25519PrivateKey gb = newKey("reg-gb");
    Genesis g =
        Genesis.newBuilder()
            .setOrigin("ledger.example.eu/rmbt/sample")
            .addFounders(SampleRecords.founder("reg-eu", "EU", eu))
            .addFounders(SampleRecords.founder("reg-gb", "GB", gb))
            .setQuorum(2)
            .setCreatedAt(start - DAY)
            .build();
    add("genesis", g, "reg-eu", "reg-gb");
    register("cb-eu", Role.CERTIFICATION_BODY, "EU");
    register("cb-gb", Role.CERTIFICATION_BODY, "GB");
    register("auditor-eu", Role.AUDITOR, "EU");
    register("auditor-gb", Role.AUDITOR, "GB");
    register("provider-acme", Role.PROVIDER, "EU");
    register("provider-nimbus", Role.PROVIDER, "GB");
    register("witness-gb", Role.WITNESS, "GB");
  }

  private void models() {
    ModelRef root = SampleRecords.ref("acme-assist", "1.0.0");
    add(
        "model acme-assist@1.0.0",
        SampleRecords.model(
            rnd, "acme-assist", "1.0.0", "provider-acme", null, "high", start - 200 * DAY),
        "provider-acme");
    add(
        "model acme-assist@1.1.0",
        SampleRecords.model(
            rnd, "acme-assist", "1.1.0", "provider-acme", root, "high", start - 40 * DAY),
        "provider-acme");
    add(
        "model nimbus-frontier@1.0.0 (fine-tuned from acme-assist@1.1.0)",
        SampleRecords.model(
            rnd,
            "nimbus-frontier",
            "1.0.0",
            "provider-nimbus",
            ASSIST,
            "systemic",
            start - 20 * DAY),
        "provider-nimbus");
  }

  private void jointGrant() {
    List<Integer> evidence = new ArrayList<>();
    evidence.add(audit(ASSIST, "auditor-eu", "algorithm-documentation", Map.of()));
    evidence.add(audit(ASSIST, "auditor-gb", "data-sourcing-records", Map.of()));
    evidence.add(
        audit(
            ASSIST,
            "auditor-eu",
            "bias-assessment-report",
            Map.of(
                "bias.demographic_parity_gap",
                0.02 + rnd.nextInt(30) / 1000.0,
                "bias.equalized_odds_gap",
                0.03 + rnd.nextInt(30) / 1000.0)));
    evidence.add(audit(ASSIST, "auditor-gb", "risk-mitigation-plan", Map.of()));
    evidence.add(
        audit(
            ASSIST,
            "auditor-eu",
            "responsibility-index",
            Map.of("responsibility_index", 0.80 + rnd.nextInt(150) / 1000.0)));
    CertificationDecision.Builder grant =
        decision(
                JOINT_CERTIFICATE,
                ASSIST,
                SampleRecords.ETHICAL,
                Action.GRANT,
                "INITIAL_CERTIFICATION")
            .setLevel("Trusted AI Platform")
            .setValidFrom(start)
            .setValidUntil(start + 730 * DAY)
            .setJoint(true);
    addDecision(
        "joint GRANT " + JOINT_CERTIFICATE + " (EU + GB)", grant, evidence, "cb-eu", "cb-gb");
  }

  private void safetyGrantAndRenewal() {
    List<Integer> evidence = new ArrayList<>();
    evidence.add(
        audit(
            FRONTIER,
            "auditor-gb",
            "annual-safety-report",
            Map.of("safety.incidents_reported", (double) rnd.nextInt(5))));
    evidence.add(audit(FRONTIER, "auditor-gb", "dataset-sources", Map.of()));
    evidence.add(audit(FRONTIER, "auditor-eu", "interpretability-report", Map.of()));
    evidence.add(
        audit(
            FRONTIER,
            "auditor-gb",
            "energy-use-report",
            Map.of("energy.training_mwh", 500.0 + rnd.nextInt(2000))));
    CertificationDecision.Builder grant =
        decision(
                RENEWED_CERTIFICATE,
                FRONTIER,
                SampleRecords.SAFETY,
                Action.GRANT,
                "INITIAL_CERTIFICATION")
            .setLevel("Tier 3 Frontier Safety")
            .setValidFrom(start)
            .setValidUntil(start + 365 * DAY);
    addDecision("GRANT " + RENEWED_CERTIFICATE, grant, evidence, "cb-gb");
    suspendAndRenew(evidence);
  }

  private void suspendAndRenew(List<Integer> evidence) {
    addDecision(
        "SUSPEND " + JOINT_CERTIFICATE,
        decision(
            JOINT_CERTIFICATE,
            ASSIST,
            SampleRecords.ETHICAL,
            Action.SUSPEND,
            "BIAS_COMPLAINT_UNDER_REVIEW"),
        List.of(),
        "reg-eu");
    evidence.set(
        0,
        audit(
            FRONTIER,
            "auditor-gb",
            "annual-safety-report",
            Map.of("safety.incidents_reported", (double) rnd.nextInt(5))));
    CertificationDecision.Builder renew =
        decision(
                RENEWED_CERTIFICATE, FRONTIER, SampleRecords.SAFETY, Action.RENEW, "ANNUAL_RENEWAL")
            .setLevel("Tier 3 Frontier Safety")
            .setValidFrom(start + 365 * DAY)
            .setValidUntil(start + 730 * DAY);
    addDecision("RENEW " + RENEWED_CERTIFICATE, renew, evidence, "cb-gb");
  }

  private int audit(ModelRef subject, String auditor, String kind, Map<String, Double> metrics) {
    String id = "AUD-" + (1000 + steps.size());
    long issued = start - (1 + rnd.nextInt(30)) * DAY;
    return add(
        "audit " + id + " " + kind + " of " + subject.getModelId() + "@" + subject.getVersion(),
        SampleRecords.audit(rnd, id, subject, auditor, kind, metrics, issued),
        auditor);
  }

  private static CertificationDecision.Builder decision(
      String cert, ModelRef subject, String scheme, Action action, String reason) {
    return CertificationDecision.newBuilder()
        .setCertificateId(cert)
        .setSubject(subject)
        .setScheme(SchemeRef.newBuilder().setSchemeId(scheme).setVersion(1))
        .setAction(action)
        .setReasonCode(reason);
  }

  private void addDecision(
      String label, CertificationDecision.Builder d, List<Integer> evidence, String... signers) {
    List<Integer> cited = List.copyOf(evidence);
    Ed25519PrivateKey[] ks = keysOf(signers);
    steps.add(
        new Step(
            label,
            nextTime(),
            leaves -> {
              CertificationDecision.Builder b = d.clone();
              for (int i : cited) {
                b.addEvidence(
                    EntryRef.newBuilder()
                        .setIndex(i)
                        .setLeafHash(SampleRecords.bytes(leaves.get(i))));
              }
              return RecordCodec.seal(b.build(), ks);
            }));
  }

  private void register(String id, Role role, String jurisdiction) {
    Ed25519PrivateKey k = newKey(id);
    add(
        "register " + id,
        SampleRecords.register(id, role, jurisdiction, k, start - DAY),
        "reg-eu",
        "reg-gb");
  }

  /** Adds a step whose envelope does not depend on earlier leaves; returns its index. */
  private int add(String label, Message record, String... signers) {
    Envelope env = RecordCodec.seal(record, keysOf(signers));
    steps.add(new Step(label, nextTime(), leaves -> env));
    return steps.size() - 1;
  }

  private long nextTime() {
    return start + 1000L * steps.size();
  }

  private Ed25519PrivateKey[] keysOf(String... ids) {
    Ed25519PrivateKey[] ks = new Ed25519PrivateKey[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ks[i] = keys.get(ids[i]);
    }
    return ks;
  }

  private Ed25519PrivateKey newKey(String id) {
    byte[] seed = new byte[Ed25519PrivateKey.SEED_SIZE];
    rnd.nextBytes(seed);
    Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(seed);
    keys.put(id, k);
    return k;
  }
}

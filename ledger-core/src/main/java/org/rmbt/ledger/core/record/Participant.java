package org.rmbt.ledger.core.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rmbt.ledger.proto.Role;

/** A registered participant with the history of its keys, oldest first. */
public record Participant(
    String id, Set<Role> roles, String jurisdiction, List<KeyPeriod> keys, boolean revoked) {
  public Participant {
    roles = Set.copyOf(roles);
    keys = List.copyOf(keys);
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  /** The key with this ID if it counts for an entry at {@code index}, integrated then. */
  public Optional<KeyPeriod> keyAt(String keyId, long index, long integratedAt) {
    for (KeyPeriod k : keys) {
      if (k.keyId().equals(keyId) && k.countsAt(index, integratedAt)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  public Optional<KeyPeriod> currentKey() {
    KeyPeriod last = keys.get(keys.size() - 1);
    return last.isCurrent() ? Optional.of(last) : Optional.empty();
  }

  /** This participant after entry {@code index} ends its current key and adds {@code next}. */
  Participant rotatedAt(long index, KeyPeriod next) {
    List<KeyPeriod> ks = endCurrent(index);
    ks.add(next);
    return new Participant(id, roles, jurisdiction, ks, false);
  }

  Participant revokedAt(long index) {
    return new Participant(id, roles, jurisdiction, endCurrent(index), true);
  }

  private List<KeyPeriod> endCurrent(long index) {
    List<KeyPeriod> ks = new ArrayList<>(keys);
    int last = ks.size() - 1;
    ks.set(last, ks.get(last).endingAt(index));
    return ks;
  }
}

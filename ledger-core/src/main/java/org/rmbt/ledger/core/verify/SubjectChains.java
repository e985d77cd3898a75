package org.rmbt.ledger.core.verify;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.proto.SubjectLink;

/**
 * The per-subject chains of a bundle (DESIGN.md, "The log": {@code subject_links}). For each
 * subject the bundle claims, the entries linking it, in index order, must start with an empty link
 * and each link to the previous one's leaf hash. The sequencer links every entry about a subject to
 * the previous one, so a gap means an entry was left out. That nothing follows the last one held is
 * not provable this way (a verifiable map, later).
 */
final class SubjectChains {
  private SubjectChains() {}

  static void check(List<LoggedEntry> entries, List<String> subjects) throws ProvenanceException {
    Set<String> claimed = new LinkedHashSet<>(subjects);
    Map<String, LoggedEntry> last = new HashMap<>();
    Map<Hash, Long> indexOfLeaf = new HashMap<>();
    entries.forEach(e -> indexOfLeaf.put(e.leaf(), e.index()));
    // In index order, so the gap reported is the first one in the log.
    for (LoggedEntry e : entries) {
      for (SubjectLink link : e.entry().getSubjectLinksList()) {
        if (claimed.contains(link.getSubject())) {
          checkLink(link, e, last.get(link.getSubject()), indexOfLeaf);
          last.put(link.getSubject(), e);
        }
      }
    }
    for (String s : claimed) {
      if (!last.containsKey(s)) {
        throw new ProvenanceException(s, "no entry in the bundle is about it");
      }
    }
  }

  private static void checkLink(
      SubjectLink link, LoggedEntry e, LoggedEntry previous, Map<Hash, Long> indexOfLeaf)
      throws ProvenanceException {
    String subject = link.getSubject();
    if (link.getPrevLeafHash().isEmpty()) {
      if (previous != null) {
        throw new ProvenanceException(
            subject,
            e.where() + " starts the chain anew, but " + previous.where() + " precedes it");
      }
      return;
    }
    Hash prev = new Hash(link.getPrevLeafHash().toByteArray());
    if (previous != null && prev.equals(previous.leaf())) {
      return;
    }
    Long linked = indexOfLeaf.get(prev);
    if (linked == null) {
      throw new ProvenanceException(subject, e.where() + " links to a leaf not in the bundle");
    }
    throw new ProvenanceException(
        subject,
        e.where()
            + " links to entry "
            + linked
            + ", not to "
            + (previous == null ? "nothing" : previous.where())
            + ", the previous entry about it in the bundle");
  }
}

package org.rmbt.ledger.core.store.rocksdb;

import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.merkle.StoredHash;
import org.rmbt.ledger.core.store.AppendBatch;
import org.rmbt.ledger.core.store.SubjectPosting;
import org.rocksdb.ColumnFamilyHandle;

/**
 * The store's column families and how a batch is laid out in them: {@code entries} (8-byte
 * big-endian index → entry bytes), {@code leaf_index} (leaf or envelope hash → index), {@code tree}
 * (stored-hash index → 32 bytes), {@code checkpoints} (size → note bytes), {@code meta} ({@code
 * "size"} → 8 bytes), {@code subjects} (UTF-8 subject ‖ 0x00 ‖ 8-byte index → empty), {@code
 * cosignatures} (see {@link CosignatureKeys}), {@code index_backlog} (a batch's first index → its
 * leaf and envelope hashes, until they are ingested into {@code leaf_index}: see {@link
 * LeafIndexBacklog}).
 */
record Families(
    ColumnFamilyHandle entries,
    ColumnFamilyHandle leafIndex,
    ColumnFamilyHandle tree,
    ColumnFamilyHandle checkpoints,
    ColumnFamilyHandle meta,
    ColumnFamilyHandle subjects,
    ColumnFamilyHandle cosignatures,
    ColumnFamilyHandle backlog) {
  static final byte[] SIZE_KEY = {'s', 'i', 'z', 'e'};
  private static final byte[] EMPTY = new byte[0];

  /** Picks the families out of handles opened in {@link RocksTuning#FAMILIES} order. */
  static Families of(List<ColumnFamilyHandle> handles) {
    return new Families(
        handles.get(RocksTuning.FAMILIES.indexOf("entries")),
        handles.get(RocksTuning.FAMILIES.indexOf("leaf_index")),
        handles.get(RocksTuning.FAMILIES.indexOf("tree")),
        handles.get(RocksTuning.FAMILIES.indexOf("checkpoints")),
        handles.get(RocksTuning.FAMILIES.indexOf("meta")),
        handles.get(RocksTuning.FAMILIES.indexOf("subjects")),
        handles.get(RocksTuning.FAMILIES.indexOf("cosignatures")),
        handles.get(RocksTuning.FAMILIES.indexOf("index_backlog")));
  }

  /**
   * Stages all of {@code batch} and the new meta size into {@code out}; returns the batch's backlog
   * segment (empty pairs for a batch of no entries).
   */
  LeafIndexBacklog.Segment stage(AppendBatch batch, SerializedBatch out) {
    byte[] key = new byte[Keys.LONG_SIZE];
    long index = batch.firstIndex();
    int count = batch.leafHashes().size();
    for (int i = 0; i < count; i++, index++) {
      int entry = i;
      Keys.write(index, key);
      out.put(entries, key, batch.entryLength(i), (dst, at) -> batch.copyEntry(entry, dst, at));
    }
    byte[] pairs = LeafIndexBacklog.pairs(batch.leafHashes(), batch.envelopeHashes());
    if (pairs.length > 0) {
      out.put(backlog, Keys.of(batch.firstIndex()), pairs);
    }
    for (StoredHash stored : batch.treeHashes()) {
      if (stored.index() < 0) {
        throw new IllegalArgumentException("negative stored-hash index " + stored.index());
      }
      Keys.write(stored.index(), key);
      out.put(tree, key, Hash.SIZE, (dst, at) -> stored.hash().copyTo(dst, at));
    }
    for (SubjectPosting p : batch.subjects()) {
      out.put(subjects, SubjectKeys.of(p.subject(), p.index()), EMPTY);
    }
    out.put(meta, SIZE_KEY, Keys.of(index));
    return new LeafIndexBacklog.Segment(batch.firstIndex(), pairs);
  }

  /** Bytes {@link #stage} will write for {@code batch}, near enough to size its buffer once. */
  static int expectedBytes(AppendBatch batch) {
    int bytes = 0;
    for (int i = 0; i < batch.leafHashes().size(); i++) {
      bytes += batch.entryLength(i) + 16 + LeafIndexBacklog.PAIR_BYTES;
    }
    return bytes + batch.treeHashes().size() * (Hash.SIZE + 16) + 4096;
  }
}

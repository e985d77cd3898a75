package org.rmbt.ledger.node.grpc;

import com.google.protobuf.ByteString;
import java.util.List;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.ledger.AppendResult;
import org.rmbt.ledger.proto.AppendResponse;
import org.rmbt.ledger.proto.CheckpointResponse;
import org.rmbt.ledger.proto.Entry;

/** Core values to response messages; no decisions are made here. */
final class Responses {
  private Responses() {}

  static AppendResponse appended(AppendResult r) {
    return AppendResponse.newBuilder()
        .setIndex(r.index())
        .setLeafHash(ByteString.copyFrom(r.leafHash().bytes()))
        .setDuplicate(r.duplicate())
        .setCheckpoint(ByteString.copyFrom(r.checkpoint().note()))
        .addAllInclusionProof(hashes(r.inclusionProof()))
        .build();
  }

  static CheckpointResponse checkpoint(SignedCheckpoint c) {
    return CheckpointResponse.newBuilder()
        .setSize(c.checkpoint().size())
        .setRoot(ByteString.copyFrom(c.checkpoint().root().bytes()))
        .setNote(ByteString.copyFrom(c.note()))
        .build();
  }

  /** An entry with its leaf hash computed from the exact stored bytes (RFC 9162 §2.1.1). */
  static Entry entry(long index, byte[] bytes) {
    return Entry.newBuilder()
        .setIndex(index)
        .setEntry(ByteString.copyFrom(bytes))
        .setLeafHash(ByteString.copyFrom(Hashing.leaf(bytes).bytes()))
        .build();
  }

  static List<ByteString> hashes(List<Hash> hashes) {
    return hashes.stream().map(h -> ByteString.copyFrom(h.bytes())).toList();
  }
}

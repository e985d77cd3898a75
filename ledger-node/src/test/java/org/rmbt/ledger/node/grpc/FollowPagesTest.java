package org.rmbt.ledger.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.proto.Entry;
import org.rmbt.ledger.proto.FollowRequest;
import org.rmbt.ledger.proto.FollowResponse;
import org.rmbt.ledger.proto.GetEntriesRequest;

/** Follow with max_page_bytes: the same entries as one per message, in pages that fit. */
class FollowPagesTest {
  @TempDir Path dir;

  @Test
  void pagesHoldEveryEntryInOrderWithinTheAskedSize() throws Exception {
    try (TestNode node = TestNode.start(dir)) {
      var stub = node.blocking();
      int n = 40;
      for (int i = 0; i < n; i++) {
        stub.append(TestNode.append(i));
      }
      List<ByteString> expected = new ArrayList<>();
      stub.getEntries(GetEntriesRequest.newBuilder().setFrom(0).setCount(n).build())
          .forEachRemaining((Entry e) -> expected.add(e.getEntry()));
      int limit = 2 * expected.get(0).size() + 100; // two entries a page, not three

      List<ByteString> paged = new ArrayList<>();
      List<Integer> pageSizes = new ArrayList<>();
      Context.CancellableContext ctx = Context.current().withCancellation();
      ctx.run(
          () -> {
            Iterator<FollowResponse> it =
                stub.follow(
                    FollowRequest.newBuilder().setFromIndex(3).setMaxPageBytes(limit).build());
            while (paged.size() < n - 3) {
              FollowResponse r = it.next();
              assertThat(r.hasEntry()).isFalse();
              if (r.hasPage()) {
                assertThat(r.getPage().getFirstIndex()).isEqualTo(3L + paged.size());
                assertThat(r.getSerializedSize()).isLessThanOrEqualTo(limit);
                paged.addAll(r.getPage().getEntriesList());
                pageSizes.add(r.getPage().getEntriesCount());
              }
            }
            ctx.cancel(null);
          });
      assertThat(paged).isEqualTo(expected.subList(3, n));
      assertThat(pageSizes).allMatch(s -> s >= 1 && s <= 2).contains(2);
    }
  }

  @Test
  void aPageTooSmallForOneEntryStillCarriesOne() throws Exception {
    try (TestNode node = TestNode.start(dir)) {
      var stub = node.blocking();
      stub.append(TestNode.append(0));
      stub.append(TestNode.append(1));
      Context.CancellableContext ctx = Context.current().withCancellation();
      ctx.run(
          () -> {
            Iterator<FollowResponse> it =
                stub.follow(FollowRequest.newBuilder().setFromIndex(0).setMaxPageBytes(1).build());
            assertThat(it.next().getPage().getEntriesCount()).isEqualTo(1);
            FollowResponse second = it.next();
            assertThat(second.getPage().getFirstIndex()).isEqualTo(1);
            assertThat(second.getPage().getEntriesCount()).isEqualTo(1);
            assertThat(it.next().hasCheckpoint()).isTrue();
            ctx.cancel(null);
          });
    }
  }
}

package org.rmbt.ledger.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rmbt.ledger.node.grpc.LedgerServiceTest.assertCode;

import com.google.protobuf.ByteString;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.node.config.ServerLimits;
import org.rmbt.ledger.node.config.TlsConfig;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/** Health, reflection, limits, TLS and mTLS on a real Netty server. */
class TransportTest {
  @TempDir Path dir;

  @Test
  void healthAnswersServing() throws Exception {
    try (TestNode node = TestNode.start(dir)) {
      var health = HealthGrpc.newBlockingStub(node.channel());
      assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
          .isEqualTo(ServingStatus.SERVING);
      assertThat(
              health
                  .check(
                      HealthCheckRequest.newBuilder()
                          .setService(LedgerServiceGrpc.SERVICE_NAME)
                          .build())
                  .getStatus())
          .isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  void reflectionListsTheService() throws Exception {
    try (TestNode node = TestNode.start(dir)) {
      CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
      StreamObserver<ServerReflectionRequest> req =
          ServerReflectionGrpc.newStub(node.channel()).serverReflectionInfo(observer(answer));
      req.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
      req.onCompleted();
      List<String> names =
          answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
              .map(ServiceResponse::getName)
              .toList();
      assertThat(names).contains("rmbt.ledger.v1.LedgerService", "grpc.health.v1.Health");
    }
  }

  @Test
  void oversizedRequestIsRefusedWhileOtherClientsContinue() throws Exception {
    ServerLimits small = limits(64 << 10, 200, 400);
    try (TestNode node = TestNode.start(dir, TestNode.config(dir).withLimits(small))) {
      var big = node.blocking();
      var other = node.blocking();
      AppendRequest huge =
          AppendRequest.newBuilder().setEnvelope(ByteString.copyFrom(new byte[100 << 10])).build();
      assertThatThrownBy(() -> big.append(huge))
          .satisfies(e -> assertCode(e, Status.Code.RESOURCE_EXHAUSTED));
      assertThat(other.append(TestNode.append(1)).getIndex()).isZero();
      assertThat(big.append(TestNode.append(2)).getIndex()).isEqualTo(1);
    }
  }

  @Test
  void appendsOverTheClientRateAreResourceExhausted() throws Exception {
    try (TestNode node =
        TestNode.start(dir, TestNode.config(dir).withLimits(limits(2 << 20, 1, 2)))) {
      var stub = node.blocking();
      stub.append(TestNode.append(0));
      stub.append(TestNode.append(1));
      assertThatThrownBy(() -> stub.append(TestNode.append(2)))
          .satisfies(e -> assertCode(e, Status.Code.RESOURCE_EXHAUSTED))
          .hasMessageContaining("rate");
      // Reads are not rate limited.
      assertThat(stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance()).getSize())
          .isEqualTo(2);
    }
  }

  @Test
  void tlsServesClientsThatTrustTheCa() throws Exception {
    TestCertificates certs = new TestCertificates(dir);
    TlsConfig tls = new TlsConfig(certs.serverCert, certs.serverKey, Optional.empty(), false);
    try (TestNode node = TestNode.start(dir, TestNode.config(dir).withTls(tls))) {
      ChannelCredentials creds =
          TlsChannelCredentials.newBuilder().trustManager(certs.caCert.toFile()).build();
      assertThat(stub(node, creds).append(TestNode.append(0)).getIndex()).isZero();
    }
  }

  @Test
  void mutualTlsRefusesClientsWithoutACertificate() throws Exception {
    TestCertificates certs = new TestCertificates(dir);
    TlsConfig mtls =
        new TlsConfig(certs.serverCert, certs.serverKey, Optional.of(certs.caCert), true);
    try (TestNode node = TestNode.start(dir, TestNode.config(dir).withTls(mtls))) {
      ChannelCredentials anonymous =
          TlsChannelCredentials.newBuilder().trustManager(certs.caCert.toFile()).build();
      assertThatThrownBy(() -> stub(node, anonymous).append(TestNode.append(0)))
          .satisfies(e -> assertCode(e, Status.Code.UNAVAILABLE));
      ChannelCredentials withCert =
          TlsChannelCredentials.newBuilder()
              .trustManager(certs.caCert.toFile())
              .keyManager(certs.clientCert.toFile(), certs.clientKey.toFile())
              .build();
      assertThat(stub(node, withCert).append(TestNode.append(0)).getIndex()).isZero();
    }
  }

  private static LedgerServiceGrpc.LedgerServiceBlockingStub stub(
      TestNode node, ChannelCredentials creds) {
    ManagedChannel c = NettyChannelBuilder.forAddress("localhost", node.port(), creds).build();
    node.track(c);
    return LedgerServiceGrpc.newBlockingStub(c).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  private static ServerLimits limits(int maxMessage, int rate, int burst) {
    ServerLimits d = ServerLimits.DEFAULTS;
    return new ServerLimits(
        maxMessage,
        d.maxInboundMetadataBytes(),
        d.maxConcurrentCallsPerConnection(),
        d.keepAliveTime(),
        d.keepAliveTimeout(),
        d.permitKeepAliveTime(),
        d.permitKeepAliveWithoutCalls(),
        d.maxConnectionIdle(),
        d.handshakeTimeout(),
        rate,
        burst,
        d.maxEntriesPerRequest(),
        d.appendStreamWindow(),
        d.followPoll(),
        Duration.ofSeconds(5));
  }

  private static <T> StreamObserver<T> observer(CompletableFuture<T> first) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        first.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        first.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }
}

using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;
using Akka.Serialization;

namespace Akka.Ingest.Tests.StatusFeed;

public sealed class StatusFeedSerializerSpecs : Akka.TestKit.Xunit2.TestKit
{
    public static TheoryData<IStatusFeedEvent> Protocol => new()
    {
        new DomainStatusChanged(42, "example.com", DomainStatus.Unknown, DomainStatus.CatchAll, 1001, 0, new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero)),
        new DomainStatusChanged(43, "xn--bcher-kva.de", DomainStatus.CatchAll, DomainStatus.NotCatchAll, 5000, 1, DateTimeOffset.UnixEpoch),
        new StatusRelayProgress(1234),
    };

    [Theory]
    [MemberData(nameof(Protocol))]
    public void Should_round_trip_every_protocol_type_with_a_short_manifest(IStatusFeedEvent message)
    {
        var serializer = new StatusFeedSerializer((Akka.Actor.ExtendedActorSystem)Sys);

        var manifest = serializer.Manifest(message);
        var restored = serializer.FromBinary(serializer.ToBinary(message), manifest);

        Assert.Equal(message, restored);
        Assert.DoesNotContain(",", manifest);
        Assert.True(manifest.Length < 32);
    }

    [Fact]
    public void Should_store_statuses_by_their_api_names()
    {
        var serializer = new StatusFeedSerializer((Akka.Actor.ExtendedActorSystem)Sys);
        var json = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(
            new DomainStatusChanged(1, "example.com", DomainStatus.CatchAll, DomainStatus.NotCatchAll, 1, 1, DateTimeOffset.UnixEpoch)));

        Assert.Contains("\"catch-all\"", json);
        Assert.Contains("\"not catch-all\"", json);
    }

    [Fact]
    public void Should_reject_an_unknown_manifest() =>
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() =>
            new StatusFeedSerializer((Akka.Actor.ExtendedActorSystem)Sys).FromBinary([], "nope"));
}

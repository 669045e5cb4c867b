using Akka.Actor;
using Akka.Ingest.StatusFeed;
using Akka.Ingest.Testing;
using Akka.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.StatusFeed;

/// <summary>The host's own actor system: the feed's events are bound to <see cref="StatusFeedSerializer"/>, so a broken binding fails here.</summary>
public sealed class StatusFeedSerializationBindingSpecs
{
    [Theory]
    [MemberData(nameof(StatusFeedSerializerSpecs.Protocol), MemberType = typeof(StatusFeedSerializerSpecs))]
    public async Task Should_serialize_every_feed_event_with_the_feed_serializer_in_the_host(IStatusFeedEvent message)
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();

        var serializer = system.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var restored = system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType<StatusFeedSerializer>(serializer);
        Assert.Equal(message, restored);
    }
}

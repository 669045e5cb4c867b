using Akka.Ingest.Cluster;
using Akka.Ingest.StatusFeed;

namespace Akka.Ingest.Tests.Cluster;

/// <summary>Every message that crosses nodes goes through the wire serializer (short manifests) and comes back equal.</summary>
public sealed class IngestWireSerializerSpecs : Akka.TestKit.Xunit2.TestKit
{
    public IngestWireSerializerSpecs()
        : base($$"""
            akka.actor.serializers.ingest-wire = "{{TypeName(typeof(IngestWireSerializer))}}"
            akka.actor.serialization-bindings {
            {{string.Join("\n", IngestWireSerializer.BoundTypes.Select(t => $"  \"{TypeName(t)}\" = ingest-wire"))}}
            }
            """)
    {
    }

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    [Fact]
    public void Should_round_trip_the_relay_status_query() =>
        Assert.Same(StatusRelayActor.GetRelayStatus.Instance, RoundTrip(StatusRelayActor.GetRelayStatus.Instance));

    [Fact]
    public void Should_round_trip_the_relay_status() =>
        Assert.Equal(new StatusRelayActor.RelayStatus(41, 7), RoundTrip(new StatusRelayActor.RelayStatus(41, 7)));

    [Fact]
    public void Should_bind_every_wire_type_to_this_serializer()
    {
        foreach (var type in IngestWireSerializer.BoundTypes)
            Assert.IsType<IngestWireSerializer>(Sys.Serialization.FindSerializerForType(type));
    }

    private object RoundTrip(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<IngestWireSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        Assert.True(manifest.Length <= 3, $"manifest '{manifest}' is not short");
        return Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
    }
}

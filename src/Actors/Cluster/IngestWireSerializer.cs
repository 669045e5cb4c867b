using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Ingest.StatusFeed;
using Akka.Serialization;

namespace Akka.Ingest.Cluster;

/// <summary>
/// The binary form of every message that crosses nodes in cluster mode: the partition writers' protocol
/// (front end ↔ partition owner) and the status relay's status query (proxy ↔ singleton). Short, stable
/// manifests and a compact layout, never the default JSON with .NET type names.
/// </summary>
public sealed partial class IngestWireSerializer : SerializerWithStringManifest
{
    public const string Name = "ingest-wire";
    public const int SerializerId = 741_002;

    /// <summary>The largest contribution any configuration allows (the upper bound of <c>Ingest:Cluster:MaxContributionEvents</c>).</summary>
    public const int MaxContributionEventsBound = 100_000;

    private readonly int _maxContributionEvents;

    /// <summary>Bound by configuration alone: refuses contributions above <see cref="MaxContributionEventsBound"/>.</summary>
    public IngestWireSerializer(ExtendedActorSystem actorSystem)
        : this(actorSystem, MaxContributionEventsBound)
    {
    }

    /// <summary>Refuses, both ways, a contribution of more than <paramref name="maxContributionEvents"/> domains.</summary>
    public IngestWireSerializer(ExtendedActorSystem actorSystem, int maxContributionEvents)
        : base(actorSystem)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxContributionEvents, 1);
        _maxContributionEvents = maxContributionEvents;
    }

    private const string GetRelayStatusManifest = "grs";
    private const string RelayStatusManifest = "rs";

    public override int Identifier => SerializerId;

    /// <summary>The types bound to this serializer.</summary>
    public static IReadOnlyList<Type> BoundTypes =>
    [
        typeof(StatusRelayActor.GetRelayStatus),
        typeof(StatusRelayActor.RelayStatus),
        .. WriterProtocolTypes,
    ];

    public override string Manifest(object o) => o switch
    {
        StatusRelayActor.GetRelayStatus => GetRelayStatusManifest,
        StatusRelayActor.RelayStatus => RelayStatusManifest,
        _ => WriterProtocolManifest(o) ?? throw new ArgumentException($"{o.GetType()} is not part of the wire protocol.", nameof(o)),
    };

    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            switch (obj)
            {
                case StatusRelayActor.GetRelayStatus:
                    break;
                case StatusRelayActor.RelayStatus status:
                    writer.Write(status.RelayedThrough);
                    writer.Write(status.JournalSequenceNr);
                    break;
                default:
                    if (!TryWriteWriterProtocol(writer, obj))
                        throw new ArgumentException($"{obj.GetType()} is not part of the wire protocol.", nameof(obj));
                    break;
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Any fault of a frame (truncated, a bad length or name, a count beyond the bounds) is a
    /// <see cref="SerializationException"/>: Akka.Remote drops such a message and keeps the association, while any
    /// other exception fails the association, gates the link and ends in the peer being downed.
    /// </summary>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            return manifest switch
            {
                GetRelayStatusManifest => StatusRelayActor.GetRelayStatus.Instance,
                RelayStatusManifest => new StatusRelayActor.RelayStatus(reader.ReadInt64(), reader.ReadInt64()),
                _ => ReadWriterProtocol(reader, manifest) ?? throw new SerializationException($"Unknown wire manifest '{manifest}'."),
            };
        }
        catch (Exception ex) when (ex is not SerializationException)
        {
            throw new SerializationException($"A '{manifest}' frame of {bytes.Length} bytes could not be read: {ex.Message}", ex);
        }
    }
}

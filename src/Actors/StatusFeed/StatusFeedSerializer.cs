using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Ingest.Domain;
using Akka.Serialization;

namespace Akka.Ingest.StatusFeed;

/// <summary>
/// JSON with short, stable manifests for the journaled status feed, so journal rows survive renames of the
/// .NET types (the default serializer stores assembly-qualified type names).
/// </summary>
public sealed class StatusFeedSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 741_001;
    private const string ChangedManifest = "status-changed.v1";
    private const string ProgressManifest = "relay-progress.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new DomainStatusJsonConverter() },
    };

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        DomainStatusChanged => ChangedManifest,
        StatusRelayProgress => ProgressManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not part of the status feed.", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        ChangedManifest => JsonSerializer.Deserialize<DomainStatusChanged>(bytes, Json)!,
        ProgressManifest => JsonSerializer.Deserialize<StatusRelayProgress>(bytes, Json)!,
        _ => throw new System.Runtime.Serialization.SerializationException($"Unknown status-feed manifest '{manifest}'."),
    };

    /// <summary>Writes statuses with their API names ("catch-all"), which never change.</summary>
    private sealed class DomainStatusJsonConverter : JsonConverter<DomainStatus>
    {
        public override DomainStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DomainStatusNames.Parse(reader.GetString() ?? "");

        public override void Write(Utf8JsonWriter writer, DomainStatus value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToWireName());
    }
}

namespace Akka.Ingest.Cluster;

/// <summary>The partition writers' protocol on the wire (filled in once the writer protocol is settled).</summary>
public sealed partial class IngestWireSerializer
{
    private static IReadOnlyList<Type> WriterProtocolTypes => [];

    private static string? WriterProtocolManifest(object o) => null;

    private static bool TryWriteWriterProtocol(BinaryWriter writer, object o) => false;

    private static object? ReadWriterProtocol(BinaryReader reader, string manifest) => null;
}

namespace Akka.Ingest.Pipeline.Http;

/// <summary>Why a bulk body was refused: the first invalid <c>line</c> (NDJSON) or <c>item</c> (array), 1-based.</summary>
public sealed record BulkLineError(string Unit, int Number, string Reason)
{
    public string Describe() => Number > 0 ? $"{char.ToUpperInvariant(Unit[0])}{Unit[1..]} {Number}: {Reason}" : Reason;
}

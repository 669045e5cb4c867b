using System.Globalization;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>
/// What an <c>Idempotency-Key</c> is recorded with: the SHA-256 of the body and the partition count the bulk was split
/// under, stored as <c>{body hash}/P{partitions}</c>. A key's parts are named <c>bulk:{key hash}/p{partition}</c> and
/// a part's content is the body's events of that partition, so the same origin means the same events only under the
/// same body <em>and</em> the same partition count: a resend under another count must be refused, or it would skip
/// parts whose events differ and apply again parts already counted.
/// </summary>
public sealed record BulkFingerprint(string BodyHash, int? Partitions)
{
    private const string Separator = "/P";

    /// <summary>
    /// Reads a recorded value. A key recorded before the partition count was recorded holds the body hash alone: its
    /// count is unknown (null), and such a key is taken as recorded under the count of the host that reads it, as
    /// before, until it ages out with <c>Ingest:Store:LedgerRetention</c>.
    /// </summary>
    public static BulkFingerprint Parse(string recorded)
    {
        var separator = recorded.LastIndexOf(Separator, StringComparison.Ordinal);
        return separator > 0 && int.TryParse(recorded.AsSpan(separator + Separator.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var partitions)
            ? new BulkFingerprint(recorded[..separator], partitions)
            : new BulkFingerprint(recorded, null);
    }

    public override string ToString() =>
        Partitions is { } partitions ? string.Create(CultureInfo.InvariantCulture, $"{BodyHash}{Separator}{partitions}") : BodyHash;
}

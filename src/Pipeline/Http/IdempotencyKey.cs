using System.Security.Cryptography;
using System.Text;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>
/// The <c>Idempotency-Key</c> header of a bulk: 1 to 255 visible ASCII characters, stored and used only as its
/// SHA-256 (<see cref="Hash"/>), which names the bulk's ledger origins <c>bulk:{hash}/p{partition}</c>. The key is
/// recorded with its <see cref="BulkFingerprint"/> (body and partition count), which those origins mean only together.
/// </summary>
public sealed class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    private IdempotencyKey(string hash) => Hash = hash;

    public string Hash { get; }

    /// <summary>False with a reason when the header is present but malformed; true with null when it is absent.</summary>
    public static bool TryRead(HttpRequest request, out IdempotencyKey? key, out string? error)
    {
        key = null;
        error = null;
        var values = request.Headers[Header];
        if (values.Count == 0)
            return true;
        var value = values.Count == 1 ? values[0] : null;
        if (value is not { Length: > 0 and <= MaxLength } || value.Any(c => c is < '!' or > '~'))
        {
            error = $"'{Header}' must be one value of 1 to {MaxLength} visible ASCII characters.";
            return false;
        }
        key = new IdempotencyKey(HashOf(Encoding.ASCII.GetBytes(value)));
        return true;
    }

    public static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

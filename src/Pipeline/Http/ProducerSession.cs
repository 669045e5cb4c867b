using System.Data.Common;
using System.Globalization;
using System.Text;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>
/// The <c>Producer-Id</c> (1 to 64 visible ASCII characters) and <c>Producer-Sequence</c> (1 to 2^63-1) headers of a
/// request: a producer sends one request at a time with increasing sequences and resends an unanswered one with the
/// same sequence. The id is used only as its SHA-256 (<see cref="Hash"/>), which names the producer's ledger origins
/// <c>producer:{hash}/p{partition}</c>; the store keeps each partition's last sequence, in the same transaction as the
/// counts, so a sequence above it is applied, an equal one is a duplicate and a lower one is out of order.
/// </summary>
public sealed class ProducerSession
{
    public const string IdHeader = "Producer-Id";
    public const string SequenceHeader = "Producer-Sequence";
    public const int MaxIdLength = 64;

    /// <summary>
    /// Set (<c>true</c>) on the success answer to a resend that applied nothing because an earlier attempt had: the
    /// answer is otherwise that first success, and this only lets a client count its duplicates.
    /// </summary>
    public const string DuplicateHeader = "Producer-Duplicate";

    private ProducerSession(string hash, long sequence)
    {
        Hash = hash;
        Sequence = sequence;
    }

    public string Hash { get; }

    public long Sequence { get; }

    public LedgerStream Ledger => new($"producer:{Hash}", Sequence);

    /// <summary>
    /// False with a reason when either header is malformed or one comes without the other; true with null when both
    /// are absent.
    /// </summary>
    public static bool TryRead(HttpRequest request, out ProducerSession? session, out string? error)
    {
        session = null;
        error = null;
        var ids = request.Headers[IdHeader];
        var sequences = request.Headers[SequenceHeader];
        if (ids.Count == 0 && sequences.Count == 0)
            return true;
        if (ids.Count == 0 || sequences.Count == 0)
        {
            error = $"'{IdHeader}' and '{SequenceHeader}' go together: this request has only '{(ids.Count == 0 ? SequenceHeader : IdHeader)}'. Nothing was counted.";
            return false;
        }
        var id = ids.Count == 1 ? ids[0] : null;
        if (id is not { Length: > 0 and <= MaxIdLength } || id.Any(c => c is < '!' or > '~'))
        {
            error = $"'{IdHeader}' must be one value of 1 to {MaxIdLength} visible ASCII characters. Nothing was counted.";
            return false;
        }
        var sequenceText = sequences.Count == 1 ? sequences[0] : null;
        if (!long.TryParse(sequenceText, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            error = $"'{SequenceHeader}' must be one integer from 1 to {long.MaxValue}. Nothing was counted.";
            return false;
        }
        session = new ProducerSession(IdempotencyKey.HashOf(Encoding.ASCII.GetBytes(id)), sequence);
        return true;
    }

    /// <summary>
    /// Records this sequence with this host's partition count: null when the request may go on, else the
    /// answer that refuses it (another count recorded for a sequence not above the last, or the store unavailable).
    /// </summary>
    public async Task<IResult?> RecordAsync(ICounterStore store, int partitions, HttpContext context)
    {
        int recorded;
        try
        {
            recorded = await store.RecordProducerAsync(Hash, Sequence, partitions, context.RequestAborted);
        }
        catch (DbException)
        {
            var options = context.RequestServices.GetRequiredService<IOptions<IngestOptions>>().Value;
            return Problems.Unavailable(context, options, "The store could not record the producer's sequence; nothing was counted.");
        }
        return recorded == partitions ? null : Problems.ProducerPartitionsChanged(Sequence, recorded, partitions);
    }
}

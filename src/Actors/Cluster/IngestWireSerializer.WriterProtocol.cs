using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Ingest.Domain;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Cluster;

/// <summary>
/// The partition writers' protocol on the wire: a contribution to an owner (<see cref="WriteBatch"/>) and its
/// answers. Domains are written as UTF-8 strings, counts as 64-bit integers; about 30 bytes per domain. A
/// contribution of more domains than the cap (<c>Ingest:Cluster:MaxContributionEvents</c>: a batch within the
/// event cap has at most that many) is refused both ways: not sent (remoting drops it, and the front end writes
/// it locally after the owner timeout), and not read (a corrupt length cannot make the receiver allocate
/// without bound).
/// </summary>
public sealed partial class IngestWireSerializer
{
    private const string WriteBatchManifest = "wb";
    private const string BatchWrittenManifest = "bw";
    private const string BatchFailedManifest = "bf";

    /// <summary>The most partitions any configuration has (the upper bound of <c>Ingest:Partitions</c>).</summary>
    private const int MaxPartitionsBound = 256;

    private static IReadOnlyList<Type> WriterProtocolTypes =>
        [typeof(WriteBatch), typeof(BatchWritten), typeof(BatchFailed)];

    private static string? WriterProtocolManifest(object o) => o switch
    {
        WriteBatch => WriteBatchManifest,
        BatchWritten => BatchWrittenManifest,
        BatchFailed => BatchFailedManifest,
        _ => null,
    };

    private bool TryWriteWriterProtocol(BinaryWriter writer, object o)
    {
        switch (o)
        {
            case WriteBatch write:
                if (write.Batch.Deltas.Count > _maxContributionEvents)
                    throw TooBig(write.Batch.Id, write.Batch.Deltas.Count);
                writer.Write(write.Partition);
                writer.Write(write.TraceParent ?? "");
                WriteBatchId(writer, write.Batch.Id);
                writer.Write(write.Batch.Deltas.Count);
                foreach (var delta in write.Batch.Deltas)
                {
                    writer.Write(delta.Domain);
                    writer.Write(delta.Delivered);
                    writer.Write(delta.Bounced);
                }
                return true;
            case BatchWritten written:
                WriteBatchId(writer, written.Id);
                writer.Write(written.Elapsed.Ticks);
                // One byte where a bool was: 0 applied, 1 already applied, 2 out of order (a bool-reading peer takes 2 as true).
                writer.Write(written.Outcome switch { { AlreadyApplied: false } => (byte)0, { OutOfOrder: false } => (byte)1, _ => (byte)2 });
                writer.Write(written.Outcome.Transitions.Count);
                foreach (var transition in written.Outcome.Transitions)
                {
                    writer.Write(transition.Domain);
                    writer.Write(transition.From.ToWireName());
                    writer.Write(transition.To.ToWireName());
                    writer.Write(transition.Delivered);
                    writer.Write(transition.Bounced);
                }
                return true;
            case BatchFailed failed:
                WriteBatchId(writer, failed.Id);
                writer.Write(failed.Ambiguous);
                writer.Write(failed.RetryAfter.Ticks);
                return true;
            default:
                return false;
        }
    }

    private object? ReadWriterProtocol(BinaryReader reader, string manifest) => manifest switch
    {
        WriteBatchManifest => ReadWriteBatch(reader),
        BatchWrittenManifest => ReadBatchWritten(reader),
        BatchFailedManifest => new BatchFailed(ReadBatchId(reader), reader.ReadBoolean(), ReadRetryAfter(reader)),
        _ => null,
    };

    private WriteBatch ReadWriteBatch(BinaryReader reader)
    {
        var partition = reader.ReadInt32();
        if (partition is < 0 or >= MaxPartitionsBound)
            throw new SerializationException($"A contribution for partition {partition}: no configuration has it (at most {MaxPartitionsBound} partitions).");
        var traceParent = reader.ReadString() is { Length: > 0 } trace ? trace : null;
        var id = ReadBatchId(reader);
        var count = reader.ReadInt32();
        if (count < 0 || count > _maxContributionEvents)
            throw TooBig(id, count);
        var deltas = new DomainDelta[count];
        var domains = new HashSet<string>(count, StringComparer.Ordinal);
        for (var i = 0; i < deltas.Length; i++)
        {
            deltas[i] = new DomainDelta(reader.ReadString(), reader.ReadInt64(), reader.ReadInt64());
            // The owner writes a contribution as one statement: a domain twice fails the whole fold (21000), and a
            // negative delta would take counts back; neither comes from a well-behaved front end.
            if (!domains.Add(deltas[i].Domain) || deltas[i].Delivered < 0 || deltas[i].Bounced < 0)
                throw new SerializationException($"Contribution {id} holds {deltas[i].Domain} twice or with a negative delta.");
        }
        return new WriteBatch(partition, CounterBatch.FromDistinct(id, deltas), traceParent);
    }

    private SerializationException TooBig(BatchId id, long domains) =>
        new($"Contribution {id} has {domains} domains, more than the cap of {_maxContributionEvents} (Ingest:Cluster:MaxContributionEvents).");

    private BatchWritten ReadBatchWritten(BinaryReader reader)
    {
        var id = ReadBatchId(reader);
        var elapsed = TimeSpan.FromTicks(reader.ReadInt64());
        var skipped = reader.ReadByte();
        // A write reports at most one transition per domain of its contribution.
        var count = reader.ReadInt32();
        if (count < 0 || count > _maxContributionEvents)
            throw new SerializationException($"Batch {id} reports {count} transitions, more than a contribution may hold ({_maxContributionEvents}).");
        var transitions = new StatusTransition[count];
        for (var i = 0; i < transitions.Length; i++)
        {
            transitions[i] = new StatusTransition(
                reader.ReadString(), DomainStatusNames.Parse(reader.ReadString()), DomainStatusNames.Parse(reader.ReadString()),
                reader.ReadInt64(), reader.ReadInt64());
        }
        return new BatchWritten(id, new BatchOutcome(skipped != 0, transitions) { OutOfOrder = skipped == 2 }, elapsed);
    }

    private static void WriteBatchId(BinaryWriter writer, BatchId id)
    {
        writer.Write(id.WriterId);
        writer.Write(id.Sequence);
    }

    private static BatchId ReadBatchId(BinaryReader reader) => new(reader.ReadString(), reader.ReadInt64());

    /// <summary>A peer's backoff, bounded: a corrupt or hostile value cannot park a committer for longer than a minute.</summary>
    private static TimeSpan ReadRetryAfter(BinaryReader reader) =>
        TimeSpan.FromTicks(Math.Clamp(reader.ReadInt64(), 0, TimeSpan.TicksPerMinute));
}

using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Ingest.Cluster;
using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

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

    [Fact]
    public void Should_round_trip_a_contribution_with_its_trace_parent()
    {
        var write = new WriteBatch(7, Contribution(3), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        var back = Assert.IsType<WriteBatch>(RoundTrip(write));

        Assert.Equal((write.Partition, write.TraceParent, write.Batch.Id), (back.Partition, back.TraceParent, back.Batch.Id));
        Assert.Equal(write.Batch.Deltas, back.Batch.Deltas);
    }

    [Fact]
    public void Should_round_trip_a_contribution_without_a_trace_parent()
    {
        var back = Assert.IsType<WriteBatch>(RoundTrip(new WriteBatch(0, Contribution(1))));

        Assert.Null(back.TraceParent);
        Assert.Single(back.Batch.Deltas);
    }

    [Fact]
    public void Should_round_trip_a_written_batch_with_its_transitions()
    {
        var written = new BatchWritten(
            new BatchId("node2-1f3a/p5", 42),
            new BatchOutcome(false,
            [
                new StatusTransition("a.example", DomainStatus.Unknown, DomainStatus.CatchAll, 1001, 0),
                new StatusTransition("b.example", DomainStatus.CatchAll, DomainStatus.NotCatchAll, 2000, 1),
            ]),
            TimeSpan.FromMilliseconds(12.5));

        var back = Assert.IsType<BatchWritten>(RoundTrip(written));

        Assert.Equal((written.Id, written.Elapsed, written.Outcome.AlreadyApplied), (back.Id, back.Elapsed, back.Outcome.AlreadyApplied));
        Assert.Equal(written.Outcome.Transitions, back.Outcome.Transitions);
    }

    [Fact]
    public void Should_round_trip_an_already_applied_batch()
    {
        var back = Assert.IsType<BatchWritten>(RoundTrip(new BatchWritten(new BatchId("o/p1", 1), BatchOutcome.Duplicate, TimeSpan.Zero)));

        Assert.True(back.Outcome.AlreadyApplied);
        Assert.False(back.Outcome.OutOfOrder);
        Assert.Empty(back.Outcome.Transitions);
    }

    [Fact]
    public void Should_round_trip_an_out_of_order_batch_as_one_a_bool_reading_peer_takes_as_already_applied()
    {
        var written = new BatchWritten(new BatchId("producer:ab/p1", 3), BatchOutcome.Superseded, TimeSpan.Zero);

        var back = Assert.IsType<BatchWritten>(RoundTrip(written));
        var bytes = Sys.Serialization.FindSerializerFor(written).ToBinary(written);

        Assert.Equal((true, true), (back.Outcome.AlreadyApplied, back.Outcome.OutOfOrder));
        Assert.Equal(2, bytes["producer:ab/p1".Length + 1 + sizeof(long) + sizeof(long)]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Should_round_trip_a_failed_batch_with_its_retry_delay(bool ambiguous)
    {
        var failed = new BatchFailed(new BatchId("node1-9c/p3", 9), ambiguous, TimeSpan.FromMilliseconds(250));

        Assert.Equal(failed, RoundTrip(failed));
    }

    [Fact]
    public void Should_bound_a_peers_retry_delay_to_a_minute() =>
        Assert.Equal(TimeSpan.FromMinutes(1), ((BatchFailed)RoundTrip(new BatchFailed(new BatchId("o/p0", 2), false, TimeSpan.FromDays(3)))).RetryAfter);

    [Fact]
    public void Should_give_every_bound_type_a_manifest_of_its_own()
    {
        var serializer = new IngestWireSerializer((ExtendedActorSystem)Sys);
        object[] samples =
        [
            StatusRelayActor.GetRelayStatus.Instance, new StatusRelayActor.RelayStatus(1, 2), new WriteBatch(0, Contribution(1)),
            new BatchWritten(new BatchId("o/p0", 1), BatchOutcome.Duplicate, TimeSpan.Zero), new BatchFailed(new BatchId("o/p0", 1), false, TimeSpan.Zero),
        ];

        Assert.Equal(IngestWireSerializer.BoundTypes.Order(TypeOrder.Instance), samples.Select(s => s.GetType()).Order(TypeOrder.Instance));
        Assert.Equal(samples.Length, samples.Select(serializer.Manifest).Distinct().Count());
    }

    [Fact]
    public void Should_refuse_to_send_a_contribution_above_the_cap()
    {
        var serializer = new IngestWireSerializer((ExtendedActorSystem)Sys, maxContributionEvents: 3);

        serializer.ToBinary(new WriteBatch(1, Contribution(3)));
        var refused = Assert.Throws<SerializationException>(() => serializer.ToBinary(new WriteBatch(1, Contribution(4))));

        Assert.Contains("4 domains, more than the cap of 3 (Ingest:Cluster:MaxContributionEvents)", refused.Message);
    }

    [Fact]
    public void Should_refuse_to_read_a_contribution_above_the_cap()
    {
        var sender = new IngestWireSerializer((ExtendedActorSystem)Sys);
        var receiver = new IngestWireSerializer((ExtendedActorSystem)Sys, maxContributionEvents: 3);
        var write = new WriteBatch(1, Contribution(4));

        Assert.Throws<SerializationException>(() => receiver.FromBinary(sender.ToBinary(write), sender.Manifest(write)));
    }

    public static TheoryData<string, byte[]> CorruptFrames()
    {
        var write = WriteBatchOf(1, ("a.example", 1, 0), ("b.example", 2, 1), ("c.example", 3, 0));
        var written = Frame(w => { w.Write("o/p0"); w.Write(1L); w.Write(0L); w.Write(false); w.Write(1); w.Write("a.example"); w.Write("unknown"); w.Write("catch-all"); w.Write(1001L); w.Write(0L); });
        return new TheoryData<string, byte[]>
        {
            { "bw", WrittenWithCount(int.MaxValue) },
            { "bw", WrittenWithCount(-1) },
            { "bw", WrittenWithCount(100_000_000) },
            { "bw", written[..^5] },
            { "bw", Frame(w => { w.Write("o/p0"); w.Write(1L); w.Write(0L); w.Write(false); w.Write(1); w.Write("a.example"); w.Write("no-such-status"); w.Write("catch-all"); w.Write(1L); w.Write(0L); }) },
            { "wb", write[..^3] },
            { "wb", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] },
            { "wb", WriteBatchOf(1, ("dup.example", 1, 0), ("dup.example", 2, 0)) },
            { "wb", WriteBatchOf(1, ("negative.example", -5, 0)) },
            { "wb", WriteBatchOf(-1, ("a.example", 1, 0)) },
            { "wb", WriteBatchOf(100_000, ("a.example", 1, 0)) },
            { "bf", [0x01] },
            { "rs", [0x01, 0x02] },
        };

        static byte[] WrittenWithCount(int count) =>
            Frame(w => { w.Write("o/p0"); w.Write(1L); w.Write(0L); w.Write(false); w.Write(count); });
    }

    /// <summary>
    /// Akka.Remote takes only a <see cref="SerializationException"/> (or an ArgumentException) from an inbound message as
    /// transient: anything else fails the association and gates the link. A corrupt or hostile frame must therefore
    /// end as a SerializationException, allocate nothing by its declared counts, and never carry a contribution an
    /// owner could not write exactly (a domain twice, a negative delta, a partition beyond any configuration).
    /// </summary>
    [Theory]
    [MemberData(nameof(CorruptFrames))]
    public void Should_refuse_a_corrupt_or_hostile_frame_with_a_serialization_exception(string manifest, byte[] frame)
    {
        var receiver = new IngestWireSerializer((ExtendedActorSystem)Sys);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var refused = Record.Exception(() => receiver.FromBinary(frame, manifest));

        Assert.IsType<SerializationException>(refused);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "a declared count made the reader allocate");
    }

    private static byte[] WriteBatchOf(int partition, params (string Domain, long Delivered, long Bounced)[] deltas) =>
        Frame(w =>
        {
            w.Write(partition);
            w.Write("");
            w.Write("node1/p1");
            w.Write(1L);
            w.Write(deltas.Length);
            foreach (var (domain, delivered, bounced) in deltas)
            {
                w.Write(domain);
                w.Write(delivered);
                w.Write(bounced);
            }
        });

    private static byte[] Frame(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
            write(writer);
        return stream.ToArray();
    }

    /// <summary>A contribution of <paramref name="domains"/> domains, each with a few deliveries and bounces.</summary>
    private static CounterBatch Contribution(int domains) =>
        CounterBatch.FromDistinct(new BatchId("node1-4e2b/p7", 1234), Enumerable.Range(0, domains).Select(i => new DomainDelta($"d{i}.example", 3 + i, i % 2)));

    private sealed class TypeOrder : IComparer<Type>
    {
        public static TypeOrder Instance { get; } = new();

        public int Compare(Type? x, Type? y) => string.CompareOrdinal(x?.FullName, y?.FullName);
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

using Akka.Actor;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Testing;
using Akka.Ingest.Writers;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Tests.Ingestion;

public sealed class IngestStreamSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Should_answer_the_waiting_request_and_run_again_after_a_commit_fails_unexpectedly()
    {
        var (admission, stream, store) = StartStream(TimeSpan.FromSeconds(30), writers => Props.Create(() => new AnswersTheFirstBatchWithAFault(writers)));

        var first = await admission.SubmitAsync(new DomainEvent("first.example", EventKind.Delivered)).WaitAsync(AnswerTimeout);
        // The first answer is given before the graph fails: the next event is admitted once the graph runs again.
        await AwaitAssertAsync(() => Assert.True(stream.Restarts == 1 && stream.IsRunning), AnswerTimeout);
        var second = await admission.SubmitAsync(new DomainEvent("second.example", EventKind.Delivered)).WaitAsync(AnswerTimeout);

        // The batch had been sent and the reply was none a writer gives: whether it committed is unknown.
        Assert.Equal(IngestOutcome.Undecided, first);
        Assert.Equal(IngestOutcome.Committed, second);
        Assert.Equal(1, stream.Restarts);
        Assert.True(stream.IsRunning);
        Assert.Equal(1, (await store.ReadAsync("second.example", CancellationToken.None)).Delivered);
        await stream.DrainAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Should_answer_at_once_the_requests_the_failed_graph_had_taken_but_not_yet_sent()
    {
        var gate = CreateTestProbe();
        var (admission, stream, store) = StartStream(TimeSpan.FromMinutes(5), writers => Props.Create(() => new AnswersTheFirstBatchWithAFaultWhenTold(writers, gate.Ref)));

        var first = admission.SubmitAsync(new DomainEvent("first.example", EventKind.Delivered));
        var heldBatch = gate.ExpectMsg<IActorRef>(AnswerTimeout);
        // The first batch is being written: the graph takes the next event into the partition's next batch.
        var second = admission.SubmitAsync(new DomainEvent("second.example", EventKind.Delivered));
        await AwaitAssertAsync(() => Assert.Equal(0, admission.Queued), AnswerTimeout);
        heldBatch.Tell(new Status.Failure(new InvalidOperationException("A reply no writer gives.")));

        Assert.Equal(IngestOutcome.Undecided, await first.WaitAsync(AnswerTimeout));
        // Never sent to a writer, so never counted: told so now (503, retry), not when its 5-minute timeout runs out.
        Assert.Equal(IngestOutcome.Abandoned, await second.WaitAsync(AnswerTimeout));
        await AwaitAssertAsync(() => Assert.True(stream.Restarts == 1 && stream.IsRunning), AnswerTimeout);
        Assert.Equal(IngestOutcome.Committed, await admission.SubmitAsync(new DomainEvent("third.example", EventKind.Delivered)).WaitAsync(AnswerTimeout));
        Assert.Equal(0, (await store.ReadAsync("second.example", CancellationToken.None)).Delivered);
        await stream.DrainAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// One partition's stream over an in-memory store, its batches going to the stand-in <paramref name="writersStandIn"/>
    /// makes in front of the real writers.
    /// </summary>
    private (IngestAdmission Admission, IngestStream Stream, InMemoryCounterStore Store) StartStream(
        TimeSpan requestTimeout, Func<IActorRef, Props> writersStandIn)
    {
        var options = new IngestOptions
        {
            Partitions = 1,
            RequestTimeout = requestTimeout,
            WriterMinBackoff = TimeSpan.FromMilliseconds(10),
            WriterMaxBackoff = TimeSpan.FromMilliseconds(100),
        };
        var counters = new IngestCounters(options.Partitions);
        var admission = new IngestAdmission(options, counters);
        var stream = new IngestStream(admission, counters, new NodeIdentity("spec"), options);
        var store = new InMemoryCounterStore();
        var writers = Sys.ActorOf(CommitLanesActor.Props(store, options.CommitLaneSettings, options.Partitions));
        stream.Start(Sys, Sys.ActorOf(writersStandIn(writers)));
        return (admission, stream, store);
    }

    /// <summary>Holds the first batch until the test sends its fault through the sender it is given, then forwards.</summary>
    private sealed class AnswersTheFirstBatchWithAFaultWhenTold : ReceiveActor
    {
        public AnswersTheFirstBatchWithAFaultWhenTold(IActorRef writers, IActorRef gate)
        {
            var held = false;
            Receive<WriteBatch>(command =>
            {
                if (held)
                {
                    writers.Forward(command);
                    return;
                }
                held = true;
                gate.Tell(Sender);
            });
        }
    }

    /// <summary>Stands in for the writers with a reply no writer gives (a bug), then lets the real ones answer.</summary>
    private sealed class AnswersTheFirstBatchWithAFault : ReceiveActor
    {
        public AnswersTheFirstBatchWithAFault(IActorRef writers)
        {
            var faulted = false;
            Receive<WriteBatch>(command =>
            {
                if (faulted)
                {
                    writers.Forward(command);
                    return;
                }
                faulted = true;
                Sender.Tell(new Status.Failure(new InvalidOperationException("A reply no writer gives.")));
            });
        }
    }
}

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
        var options = new IngestOptions
        {
            Partitions = 1,
            RequestTimeout = TimeSpan.FromSeconds(30),
            WriterMinBackoff = TimeSpan.FromMilliseconds(10),
            WriterMaxBackoff = TimeSpan.FromMilliseconds(100),
        };
        var counters = new IngestCounters(options.Partitions);
        var admission = new IngestAdmission(options, counters);
        var stream = new IngestStream(admission, counters, new NodeIdentity("spec"), options);
        var store = new InMemoryCounterStore();
        var writers = Sys.ActorOf(PartitionWritersActor.Props(store, options.WriterSupervision));
        stream.Start(Sys, Sys.ActorOf(Props.Create(() => new AnswersTheFirstBatchWithAFault(writers))));

        var first = await admission.SubmitAsync(new DomainEvent("first.example", EventKind.Delivered)).WaitAsync(AnswerTimeout);
        var second = await admission.SubmitAsync(new DomainEvent("second.example", EventKind.Delivered)).WaitAsync(AnswerTimeout);

        // The batch had been sent and the reply was none a writer gives: whether it committed is unknown.
        Assert.Equal(IngestOutcome.Undecided, first);
        Assert.Equal(IngestOutcome.Committed, second);
        Assert.Equal(1, stream.Restarts);
        Assert.True(stream.IsRunning);
        Assert.Equal(1, (await store.ReadAsync("second.example", CancellationToken.None)).Delivered);
        await stream.DrainAsync(TimeSpan.FromSeconds(5));
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

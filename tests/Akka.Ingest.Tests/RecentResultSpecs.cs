using Akka.Ingest.Pipeline;

namespace Akka.Ingest.Tests;

public sealed class RecentResultSpecs
{
    [Fact]
    public async Task Should_run_one_computation_for_callers_that_come_while_it_runs_and_while_it_is_fresh()
    {
        var runs = 0;
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recent = new RecentResult<int>(() => { Interlocked.Increment(ref runs); return gate.Task; }, TimeSpan.FromHours(1));

        var waiting = Enumerable.Range(0, 10).Select(_ => recent.GetAsync(default)).ToArray();
        gate.SetResult(42);

        Assert.Equal(Enumerable.Repeat(42, 10), await Task.WhenAll(waiting));
        Assert.Equal(42, await recent.GetAsync(default));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Should_compute_again_once_the_result_is_stale_or_failed()
    {
        var runs = 0;
        var recent = new RecentResult<int>(() => Interlocked.Increment(ref runs) == 1
            ? Task.FromException<int>(new InvalidOperationException("first run fails"))
            : Task.FromResult(runs), TimeSpan.Zero);

        await Assert.ThrowsAsync<InvalidOperationException>(() => recent.GetAsync(default));

        Assert.Equal(2, await recent.GetAsync(default));
        Assert.Equal(3, await recent.GetAsync(default));
    }

    [Fact]
    public async Task Should_let_one_caller_stop_waiting_without_cancelling_the_computation_for_the_others()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recent = new RecentResult<int>(() => gate.Task, TimeSpan.FromHours(1));
        using var leaving = new CancellationTokenSource();

        var left = recent.GetAsync(leaving.Token);
        var staying = recent.GetAsync(default);
        leaving.Cancel();
        gate.SetResult(7);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        Assert.Equal(7, await staying);
    }
}

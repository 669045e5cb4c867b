using Akka.Ingest.Pipeline.Ingestion;

namespace Akka.Ingest.Tests.Ingestion;

public sealed class AdmissionBudgetSpecs
{
    [Fact]
    public async Task Should_admit_up_to_its_capacity_in_events_and_make_the_rest_wait()
    {
        var budget = new AdmissionBudget(10);

        Assert.True(await budget.TryAcquireAsync(6, CancellationToken.None));
        var waiting = budget.TryAcquireAsync(5, CancellationToken.None).AsTask();

        Assert.False(waiting.IsCompleted);
        Assert.Equal(6, budget.InUse);
        budget.Release(6);
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(5, budget.InUse);
    }

    [Fact]
    public async Task Should_take_room_at_once_only_when_there_is_some_and_nobody_waits_before()
    {
        var budget = new AdmissionBudget(10);

        Assert.True(budget.TryAcquire(8));
        Assert.False(budget.TryAcquire(3));
        Assert.Equal(8, budget.InUse);
        var waiting = budget.TryAcquireAsync(5, CancellationToken.None).AsTask();

        // Room for one event exists, but the waiter came first.
        Assert.False(budget.TryAcquire(1));
        budget.Release(8);
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(budget.TryAcquire(5));
        Assert.Equal(10, budget.InUse);
    }

    [Fact]
    public async Task Should_give_up_when_the_wait_is_cancelled_and_take_nothing()
    {
        var budget = new AdmissionBudget(10);
        Assert.True(await budget.TryAcquireAsync(10, CancellationToken.None));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        Assert.False(await budget.TryAcquireAsync(1, timeout.Token));
        budget.Release(10);
        Assert.Equal(0, budget.InUse);
    }

    [Fact]
    public async Task Should_serve_waiters_in_turn_so_a_large_one_is_not_starved()
    {
        var budget = new AdmissionBudget(10);
        Assert.True(await budget.TryAcquireAsync(8, CancellationToken.None));
        var large = budget.TryAcquireAsync(9, CancellationToken.None).AsTask();
        var small = budget.TryAcquireAsync(1, CancellationToken.None).AsTask();

        // Room for the small one exists, but it queued behind the large one.
        Assert.False(small.IsCompleted);
        budget.Release(8);

        Assert.True(await large.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(await small.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(10, budget.InUse);
    }

    [Fact]
    public async Task Should_let_an_envelope_larger_than_the_budget_through_alone()
    {
        var budget = new AdmissionBudget(10);

        Assert.True(await budget.TryAcquireAsync(1_000, CancellationToken.None));
        Assert.Equal(10, budget.InUse);
        var next = budget.TryAcquireAsync(1, CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);
        budget.Release(1_000);
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Should_let_smaller_waiters_through_when_the_one_ahead_gives_up()
    {
        var budget = new AdmissionBudget(10);
        Assert.True(await budget.TryAcquireAsync(5, CancellationToken.None));
        using var cancel = new CancellationTokenSource();
        var large = budget.TryAcquireAsync(10, cancel.Token).AsTask();
        var small = budget.TryAcquireAsync(5, CancellationToken.None).AsTask();
        Assert.False(small.IsCompleted);

        await cancel.CancelAsync();

        Assert.False(await large.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(await small.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}

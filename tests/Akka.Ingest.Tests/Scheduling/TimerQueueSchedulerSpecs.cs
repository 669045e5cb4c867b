using Akka.Actor;
using Akka.Configuration;
using Akka.Ingest.Scheduling;

namespace Akka.Ingest.Tests.Scheduling;

/// <summary>
/// The scheduler the host runs on: what Akka asks of a scheduler (tells and actions once or repeatedly, cancellation,
/// the pending tasks run at termination), and that a task holds a timer only until it has run or been cancelled, so
/// an idle system holds none.
/// </summary>
public sealed class TimerQueueSchedulerSpecs() : Akka.TestKit.Xunit2.TestKit(SchedulerConfig)
{
    private static readonly Akka.Configuration.Config SchedulerConfig =
        ConfigurationFactory.ParseString($"akka.scheduler.implementation = \"{TimerQueueScheduler.Implementation}\"");

    private IScheduler Scheduler => Sys.Scheduler;

    private int Pending => Assert.IsType<TimerQueueScheduler>(Sys.Scheduler).Pending;

    [Fact]
    public void Should_deliver_a_scheduled_tell_once_and_then_hold_no_timer()
    {
        Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "due", ActorRefs.NoSender);

        Assert.Equal("due", ExpectMsg<string>(TimeSpan.FromSeconds(5)));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        AwaitAssert(() => Assert.Equal(0, Pending));
    }

    [Fact]
    public void Should_never_deliver_a_tell_cancelled_before_it_is_due_and_release_its_timer_at_once()
    {
        var cancelable = Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMilliseconds(300), TestActor, "cancelled", ActorRefs.NoSender);
        Assert.Equal(1, Pending);

        cancelable.Cancel();

        Assert.Equal(0, Pending);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Should_not_start_a_task_whose_cancelable_was_cancelled_before_it_was_scheduled()
    {
        var cancelable = new Cancelable(Scheduler);
        cancelable.Cancel();

        Scheduler.ScheduleTellOnce(TimeSpan.Zero, TestActor, "never", ActorRefs.NoSender, cancelable);

        Assert.Equal(0, Pending);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Should_repeat_a_tell_until_it_is_cancelled()
    {
        var cancelable = Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.Zero, TimeSpan.FromMilliseconds(50), TestActor, "tick", ActorRefs.NoSender);
        for (var i = 0; i < 3; i++)
            Assert.Equal("tick", ExpectMsg<string>(TimeSpan.FromSeconds(5)));

        cancelable.Cancel();

        Assert.Equal(0, Pending);
        // A run that had begun as it was cancelled may still arrive; nothing after it.
        ReceiveWhile(TimeSpan.FromMilliseconds(200), message => message);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Should_keep_repeating_an_action_after_one_run_throws()
    {
        var runs = 0;
        var cancelable = new Cancelable(Scheduler);
        Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), () =>
        {
            if (Interlocked.Increment(ref runs) == 1)
                throw new InvalidOperationException("the first run fails");
            TestActor.Tell(runs);
        }, cancelable);

        ExpectMsg<int>(TimeSpan.FromSeconds(5));
        cancelable.Cancel();
    }

    [Fact]
    public void Should_deliver_actor_timers_through_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

        actor.Tell(TimeSpan.FromMilliseconds(50));

        Assert.Equal("timer fired", ExpectMsg<string>(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Should_run_each_pending_task_once_when_its_system_terminates_and_refuse_new_ones()
    {
        var system = ActorSystem.Create("terminating", SchedulerConfig);
        var scheduler = Assert.IsType<TimerQueueScheduler>(system.Scheduler);
        IScheduler akkaScheduler = scheduler;
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new Cancelable(akkaScheduler);
        var neverRuns = false;
        akkaScheduler.Advanced.ScheduleOnce(TimeSpan.FromHours(1), () => pending.TrySetResult());
        akkaScheduler.Advanced.ScheduleOnce(TimeSpan.FromHours(1), () => neverRuns = true, cancelled);
        cancelled.Cancel();

        await system.Terminate();

        await pending.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(neverRuns);
        Assert.Equal(0, scheduler.Pending);
        Assert.Throws<SchedulerException>(() => akkaScheduler.Advanced.ScheduleOnce(TimeSpan.FromSeconds(1), () => { }));
    }

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public TimerActor(IActorRef probe)
        {
            Receive<TimeSpan>(delay => Timers.StartSingleTimer("key", "timer fired", delay));
            Receive<string>(message => probe.Tell(message));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace Akka.Ingest.Scheduling;

/// <summary>
/// Akka's scheduler on .NET's own timer queue: each scheduled task is one <see cref="Timer"/>, so the process wakes
/// when a task is due and at no other time. Akka's default, the hashed wheel, ticks every <c>tick-duration</c> from the
/// first task scheduled on, due or not, and each tick is a thread-pool work item whose worker spins before it sleeps:
/// at 100 ms that was about 0.004 core of an idle host, a third of what was left (docs/BENCHMARKS.md). The timer queue
/// is also exact to the millisecond where the wheel rounds a delay up to its tick.
/// A repeated task is due again an interval after its run ends, as on the wheel, so a slow one never overlaps itself.
/// Disposed with the actor system, it runs each task still pending once, as the wheel does, so that what waits on a
/// timer (an ask's timeout, a retry) is not left hanging.
/// </summary>
public sealed class TimerQueueScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider, IDisposable
{
    /// <summary>The value of <c>akka.scheduler.implementation</c> that selects this scheduler.</summary>
    public static readonly string Implementation = $"{typeof(TimerQueueScheduler).FullName}, {typeof(TimerQueueScheduler).Assembly.GetName().Name}";

    /// <summary>The largest due time a <see cref="Timer"/> takes; a longer delay is due then and never later.</summary>
    private static readonly TimeSpan LongestDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private static readonly long ClockStart = Stopwatch.GetTimestamp();

    private readonly ConcurrentDictionary<ScheduledTask, byte> _pending = new();
    private volatile bool _disposed;

    public TimerQueueScheduler(Config config, ILoggingAdapter log) : base(config, log)
    {
    }

    /// <summary>Tasks scheduled that have neither run (a single one), nor been cancelled: each holds one timer.</summary>
    public int Pending => _pending.Count;

    protected override DateTimeOffset TimeNow => DateTimeOffset.Now;

    public override TimeSpan MonotonicClock => Stopwatch.GetElapsedTime(ClockStart);

    public override TimeSpan HighResMonotonicClock => Stopwatch.GetElapsedTime(ClockStart);

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(delay, null, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(
        TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Schedule(delay, null, action, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(delay, null, action.Run, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action.Run, cancelable);

    private void Schedule(TimeSpan delay, TimeSpan? interval, Action run, ICancelable? cancelable)
    {
        if (_disposed)
            throw new SchedulerException("cannot enqueue after timer shutdown");
        var task = new ScheduledTask(this, run, interval, cancelable);
        _pending[task] = 0;
        task.Start(delay);
        if (_disposed)
            task.Stop();
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var task in _pending.Keys)
        {
            if (task.Stop() && !task.Cancelled)
                task.Run();
        }
    }

    private static TimeSpan DueIn(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > LongestDueTime ? LongestDueTime : delay;

    private sealed class ScheduledTask
    {
        private readonly TimerQueueScheduler _scheduler;
        private readonly Action _run;
        private readonly TimeSpan? _interval;
        private readonly ICancelable? _cancelable;
        // The timer queue holds the timer, the timer holds this task as its state, and this task holds the timer: no
        // other reference keeps a pending timer from being collected.
        private readonly Timer _timer;
        private CancellationTokenRegistration _onCancel;
        private int _stopped;

        public ScheduledTask(TimerQueueScheduler scheduler, Action run, TimeSpan? interval, ICancelable? cancelable)
        {
            _scheduler = scheduler;
            _run = run;
            _interval = interval;
            _cancelable = cancelable;
            _timer = new Timer(static state => ((ScheduledTask)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public bool Cancelled => _cancelable?.IsCancellationRequested ?? false;

        public void Start(TimeSpan delay)
        {
            _timer.Change(DueIn(delay), Timeout.InfiniteTimeSpan);
            if (_cancelable is null)
                return;
            // Runs at once if it is cancelled already.
            _onCancel = _cancelable.Token.UnsafeRegister(static state => ((ScheduledTask)state!).Stop(), this);
            if (Volatile.Read(ref _stopped) == 1)
                _onCancel.Unregister();
        }

        /// <summary>Stops the timer for good; false if it was stopped already.</summary>
        public bool Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 1)
                return false;
            _timer.Dispose();
            _onCancel.Unregister();
            _scheduler._pending.TryRemove(this, out _);
            return true;
        }

        public void Run()
        {
            try
            {
                _run();
            }
            catch (SchedulerException)
            {
                // A terminated actor's timer, as the wheel ignores it.
            }
            catch (Exception ex)
            {
                _scheduler.Log.Error(ex, "Error while executing scheduled task");
            }
        }

        private void Fire()
        {
            if (Volatile.Read(ref _stopped) == 1)
                return;
            if (Cancelled)
            {
                Stop();
                return;
            }
            Run();
            if (_interval is not { } interval)
            {
                Stop();
                return;
            }
            try
            {
                _timer.Change(DueIn(interval), Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Cancelled while it ran.
            }
        }
    }
}

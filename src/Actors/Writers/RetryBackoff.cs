namespace Akka.Ingest.Writers;

/// <summary>
/// The one backoff curve of the write path: how long a commit lane waits after its n-th failure in a row before it
/// writes again (doubling from <see cref="Min"/> up to <see cref="Max"/>, with a little jitter so that lanes on
/// several nodes do not retry in step). Committers wait what the lane tells them (<c>RetryAfter</c>), so there is no
/// second curve.
/// </summary>
public sealed record RetryBackoff(TimeSpan Min, TimeSpan Max)
{
    public TimeSpan After(int failuresInARow, double jitter = 0)
    {
        if (failuresInARow <= 0)
            return TimeSpan.Zero;
        var nominal = Math.Min(Max.Ticks, Min.Ticks * Math.Pow(2, Math.Min(failuresInARow - 1, 30)));
        return TimeSpan.FromTicks((long)(nominal * (1 + 0.2 * Math.Clamp(jitter, 0, 1))));
    }
}

namespace Akka.Ingest.Testing;

/// <summary>Awaits a condition with a deadline, like TestKit's AwaitCondition, for specs outside an actor system.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not true within {timeout}: {because}");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not true within {timeout}: {because}");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}

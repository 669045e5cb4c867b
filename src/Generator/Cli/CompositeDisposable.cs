namespace Akka.Ingest.Generator.Cli;

/// <summary>Disposes a group together (the per-host clients of a load run).</summary>
internal sealed class CompositeDisposable(IEnumerable<IDisposable> items) : IDisposable
{
    public void Dispose()
    {
        foreach (var item in items)
            item.Dispose();
    }
}

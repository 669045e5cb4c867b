using Akka.Ingest.Stores;

namespace Akka.Ingest.Pipeline.Config;

/// <summary>The store created from configuration, before any test decorates <see cref="ICounterStore"/>.</summary>
public sealed record PrimaryStore(ICounterStore Counters);

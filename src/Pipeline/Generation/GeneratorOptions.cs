using System.ComponentModel.DataAnnotations;

namespace Akka.Ingest.Pipeline.Generation;

/// <summary>
/// The <c>Generator</c> section: feeding the pipeline in-process at start-up
/// (<c>--generate 1000000 --distribution mailgun --seed 42</c>). Off unless <see cref="Events"/> is set.
/// </summary>
public sealed class GeneratorOptions
{
    public const string Section = "Generator";

    /// <summary>How many events to generate; 0 (the default) generates none.</summary>
    [Range(0, long.MaxValue)]
    public long Events { get; set; }

    /// <summary><c>mailgun</c>, <c>uniform:N</c> or <c>zipf:N</c>.</summary>
    public string Distribution { get; set; } = "mailgun";

    /// <summary>The stream's seed; random (and logged) when not set.</summary>
    public long? Seed { get; set; }

    /// <summary>
    /// Events per partition offered to the pipeline at once, on average: the generator cuts chunks of
    /// <c>BatchSize × partitions</c> events and offers each chunk's events of one partition together.
    /// </summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Longest a partition's batch waits to fill up before it is offered anyway.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How often progress is logged while generating.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);
}

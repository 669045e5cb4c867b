using Akka.Ingest.Workload.Distributions;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Generation;

/// <summary>Fails start-up with the parser's own words when <c>--distribution</c> is wrong.</summary>
public sealed class GeneratorOptionsValidator : IValidateOptions<GeneratorOptions>
{
    public ValidateOptionsResult Validate(string? name, GeneratorOptions options)
    {
        var failures = new List<string>();
        if (!DistributionSpec.TryParse(options.Distribution, out _, out var error))
            failures.Add($"Generator:Distribution (--distribution): {error}");
        if (options.BatchWindow <= TimeSpan.Zero)
            failures.Add("Generator:BatchWindow must be positive.");
        if (options.ProgressInterval <= TimeSpan.Zero)
            failures.Add("Generator:ProgressInterval must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

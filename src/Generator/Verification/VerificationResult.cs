namespace Akka.Ingest.Generator.Verification;

/// <summary>The outcome of checking every generated domain; <see cref="Examples"/> holds the first few mismatches.</summary>
public sealed record VerificationResult(long Checked, long Mismatches, IReadOnlyList<DomainMismatch> Examples)
{
    public bool Passed => Mismatches == 0;
}

using Akka.Ingest.Workload.Verification;
using System.Collections.Concurrent;
using Akka.Ingest.Domain;
using Akka.Ingest.Generator.Load;

namespace Akka.Ingest.Generator.Verification;

/// <summary>
/// GETs every domain a run touched, with a fixed number of workers, and compares counts and status with the
/// expected results. Counts are absolute, so this holds only for a store that had none of these domains before.
/// </summary>
public sealed class DomainVerifier(IngestApiClient api, CatchAllPolicy policy, int concurrency)
{
    public const int ExamplesKept = 20;

    private long _checked;

    public long Checked => Interlocked.Read(ref _checked);

    public async Task<VerificationResult> VerifyAsync(ExpectedResults expected, CancellationToken cancellationToken)
    {
        var mismatches = new ConcurrentQueue<DomainMismatch>();
        long mismatchCount = 0;
        using var domains = expected.Domains().GetEnumerator();
        var domainsLock = new Lock();

        bool TryTake(out DomainCounts counts)
        {
            lock (domainsLock)
            {
                var taken = domains.MoveNext();
                counts = taken ? domains.Current : default;
                return taken;
            }
        }

        async Task WorkAsync()
        {
            while (!cancellationToken.IsCancellationRequested && TryTake(out var counts))
            {
                if (await CompareAsync(counts, cancellationToken) is { } mismatch)
                {
                    if (Interlocked.Increment(ref mismatchCount) <= ExamplesKept)
                        mismatches.Enqueue(mismatch);
                }
                Interlocked.Increment(ref _checked);
            }
        }

        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync, CancellationToken.None));
        await Task.WhenAll(workers);
        cancellationToken.ThrowIfCancellationRequested();
        return new VerificationResult(Checked, mismatchCount, mismatches.OrderBy(m => m.Domain, StringComparer.Ordinal).ToArray());
    }

    private async Task<DomainMismatch?> CompareAsync(DomainCounts expected, CancellationToken cancellationToken)
    {
        var expectedText = Describe(expected.Delivered, expected.Bounced, policy.Classify(expected).ToWireName());
        try
        {
            var (answer, status) = await api.GetDomainAsync(expected.Domain, cancellationToken);
            if (answer is null)
                return new DomainMismatch(expected.Domain, expectedText, $"HTTP {(int)status}");

            var actualText = Describe(answer.Delivered, answer.Bounced, answer.Status);
            return actualText == expectedText ? null : new DomainMismatch(expected.Domain, expectedText, actualText);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new DomainMismatch(expected.Domain, expectedText, $"no answer: {ex.Message}");
        }
    }

    private static string Describe(long delivered, long bounced, string status) =>
        $"delivered {delivered}, bounced {bounced}, {status}";
}

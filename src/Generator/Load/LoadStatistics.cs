using System.Collections.Concurrent;

namespace Akka.Ingest.Generator.Load;

/// <summary>Live counters of a load run, shared by all workers and read by the progress bar and the report.</summary>
public sealed class LoadStatistics
{
    private const int StatusCodes = 600;

    private readonly long[] _responses = new long[StatusCodes];
    private long _acknowledged;
    private long _failed;
    private long _transportErrors;
    private long _retries;
    private long _resends;
    private long _duplicates;
    private readonly ConcurrentDictionary<string, long> _transportErrorKinds = new();

    /// <summary>Events answered 2xx: the host counted them.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Events given up on (an error status, a transport error, or too many 503s): maybe not counted.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public long Finished => Acknowledged + Failed;

    /// <summary>Requests that got no HTTP answer: refused or reset connections, time-outs.</summary>
    public long TransportErrors => Interlocked.Read(ref _transportErrors);

    /// <summary>Events sent again after a 503 and its Retry-After.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Requests by HTTP status code, in code order.</summary>
    public IReadOnlyDictionary<int, long> Responses()
    {
        var responses = new SortedDictionary<int, long>();
        for (var code = 0; code < StatusCodes; code++)
        {
            var count = Interlocked.Read(ref _responses[code]);
            if (count > 0)
                responses[code] = count;
        }
        return responses;
    }

    public void Answered(int statusCode) => Interlocked.Increment(ref _responses[Math.Clamp(statusCode, 0, StatusCodes - 1)]);

    public void Acknowledge() => Interlocked.Increment(ref _acknowledged);

    public void Fail() => Interlocked.Increment(ref _failed);

    /// <summary>Transport errors by kind (timeout, connection_refused_or_reset, …), in name order.</summary>
    public IReadOnlyDictionary<string, long> TransportErrorsByKind() => new SortedDictionary<string, long>(_transportErrorKinds);

    public void TransportError(string kind)
    {
        Interlocked.Increment(ref _transportErrors);
        _transportErrorKinds.AddOrUpdate(kind, 1, (_, count) => count + 1);
    }

    public void Retry() => Interlocked.Increment(ref _retries);

    /// <summary>With <c>--producer</c>: events sent again with their sequence after a transport error, 502, 503 or 504.</summary>
    public long Resends => Interlocked.Read(ref _resends);

    /// <summary>With <c>--producer</c>: acknowledgements the host marked as duplicates (an earlier attempt had counted the event).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void Resend() => Interlocked.Increment(ref _resends);

    public void Duplicate() => Interlocked.Increment(ref _duplicates);
}

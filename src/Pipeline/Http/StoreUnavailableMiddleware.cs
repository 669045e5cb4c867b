using System.Data.Common;
using Akka.Ingest.Pipeline.Config;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>
/// A read the store could not serve — no pooled connection within <c>Ingest:Store:ReadPoolWait</c>, the server
/// refusing connections (PostgreSQL 53300, too many clients), the server down or timing out — answers
/// <c>503</c> with <c>Retry-After</c> and a problem body, never a <c>500</c>: the request changed nothing and may
/// be sent again.
/// </summary>
public sealed class StoreUnavailableMiddleware(RequestDelegate next, IOptions<IngestOptions> options, ILogger<StoreUnavailableMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (DbException ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("{Method} {Path}: the store could not answer ({Reason}); answered 503", context.Request.Method, context.Request.Path, ex.GetBaseException().Message);
            context.Response.Clear();
            await Problems.Unavailable(context, options.Value, "The store could not answer this read now (no connection available, or the database is unreachable). Nothing changed; try again after Retry-After.")
                .ExecuteAsync(context);
        }
    }
}

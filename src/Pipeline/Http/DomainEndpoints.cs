using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Http;

/// <summary><c>GET /domains/{domain}</c>: the committed counts and the status they give.</summary>
public static class DomainEndpoints
{
    public static IEndpointRouteBuilder MapDomainEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/domains/{domain}", GetDomainAsync);
        return app;
    }

    private static async Task<IResult> GetDomainAsync(
        string domain, ICounterStore store, IOptions<IngestOptions> options, CancellationToken cancellationToken)
    {
        if (!DomainName.TryNormalize(domain, out var normalized, out var error))
            return Problems.InvalidDomain(domain, error);

        var counts = await store.ReadAsync(normalized, cancellationToken);
        return Results.Ok(DomainView.From(counts, options.Value.Policy));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Hostile;

/// <summary>
/// Seeded random requests over the whole HTTP surface: no 5xx but 503, and the counts hold exactly the
/// events answered 204 — nothing for a rejected request.
/// </summary>
public sealed class HostileInputSpecs : IAsyncLifetime
{
    private static readonly string[] Methods = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO"];

    private static readonly string[] NastyDomains =
    [
        "", ".", "..", "...", "a..b", ".lead.example", "trail.example..", "localhost", "a.b", "UPPER.Example.COM.",
        "bücher.de", "xn--bcher-kva.de", "xn--.example", "例え.テスト", "😀.example", "exa mple.com", "exa%20mple.com",
        "%00.example", "nul%00byte.example", "%2e%2e", "%2F.example", "a%2Fb.example", "%252e.example", "%C0%AE.example",
        "'; DROP TABLE domain_counts; --.example", "quote'.example", "semi;colon.example", "select.from.where",
        "under_score.example", "-lead-hyphen.example", "tab\t.example", "line\nbreak.example", "back\\slash.example",
        new string('a', 63) + ".example", new string('a', 64) + ".example", string.Join('.', Enumerable.Repeat(new string('b', 62), 5)),
        new string('x', 5000) + ".example", "ª.example", "ǅ.example", "İ.example", "ß.example", "\u200b.example",
    ];

    private IngestHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // The real Kestrel, not the test server: its own parsing of paths and headers is part of the surface.
        _host = await IngestHost.StartOnTemporarySqliteAsync();
        _client = _host.Client;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_never_fail_with_a_server_error_and_count_only_what_it_acknowledged()
    {
        var random = new Random(20261124);
        var acknowledged = new Dictionary<string, (long Delivered, long Bounced)>(StringComparer.Ordinal);
        var statuses = new Dictionary<HttpStatusCode, int>();

        for (var i = 0; i < 600; i++)
        {
            var method = Methods[random.Next(Methods.Length)];
            var domain = NastyDomains[random.Next(NastyDomains.Length)];
            var encoded = random.Next(3) == 0 ? Uri.EscapeDataString(domain) : domain;
            var path = random.Next(6) switch
            {
                0 => $"/events/{encoded}/delivered",
                1 => $"/events/{encoded}/bounced",
                2 => $"/domains/{encoded}",
                3 => $"/events/{encoded}/{RandomSegment(random)}",
                4 => $"/{RandomSegment(random)}/{encoded}",
                _ => $"/events/{encoded}/delivered?{RandomSegment(random)}={RandomSegment(random)}",
            };

            HttpResponseMessage response;
            try
            {
                // Absolute, so that a path starting with "//" can never be read as another host: loopback only.
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_host.Address.GetLeftPart(UriPartial.Authority) + path));
                if (random.Next(4) == 0)
                    request.Content = new ByteArrayContent(RandomBytes(random, random.Next(0, 20_000)));
                response = await _client.SendAsync(request);
            }
            catch (UriFormatException)
            {
                continue;
            }

            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.ServiceUnavailable,
                $"{method} {path} → {(int)response.StatusCode}");

            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                var name = DomainName.Normalize(Uri.UnescapeDataString(response.RequestMessage!.RequestUri!.AbsolutePath.Split('/')[2]));
                var bounced = path.Contains("/bounced", StringComparison.Ordinal);
                var (d, b) = acknowledged.GetValueOrDefault(name);
                acknowledged[name] = bounced ? (d, b + 1) : (d + 1, b);
            }
        }

        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.NoContent) > 0, "some valid PUTs were generated");
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 0, "some invalid names were generated");
        foreach (var (domain, (delivered, bounced)) in acknowledged)
        {
            var view = await _client.GetFromJsonAsync<DomainView>($"/domains/{domain}");
            Assert.Equal((delivered, bounced), (view!.Delivered, view.Bounced));
        }
        Assert.Equal(acknowledged.Values.Sum(v => v.Delivered + v.Bounced), await TotalCountedAsync());
    }

    private async Task<long> TotalCountedAsync()
    {
        long total = 0;
        foreach (var status in new[] { "catch-all", "not catch-all", "unknown" })
        {
            string? after = null;
            do
            {
                var page = await _client.GetFromJsonAsync<StatusFeedEndpoints.DomainPage>(
                    $"/domains?status={Uri.EscapeDataString(status)}&limit=1000&after={Uri.EscapeDataString(after ?? "")}");
                total += page!.Items.Sum(d => d.Delivered + d.Bounced);
                after = page.Next;
            }
            while (after is not null);
        }
        return total;
    }

    private static string RandomSegment(Random random)
    {
        const string alphabet = "abcXYZ019-_.~%!$&'()*+,;=:@ü😀";
        var builder = new StringBuilder();
        for (var i = random.Next(0, 12); i > 0; i--)
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        return builder.ToString();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}

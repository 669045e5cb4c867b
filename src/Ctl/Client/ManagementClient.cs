using System.Net.Http.Headers;
using System.Text.Json;

namespace Akka.Ingest.Ctl.Client;

/// <summary>
/// GETs the host's <c>/admin</c> endpoints. Transport failures become <see cref="HostUnreachableException"/>,
/// error statuses <see cref="HostErrorException"/> with the problem body's title and detail.
/// </summary>
public sealed class ManagementClient : IDisposable
{
    public const string TokenVariable = "INGESTCTL_TOKEN";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly bool _environmentTokenWithheld;

    /// <summary>
    /// Sends <c>--token</c> to the address given; <c>$INGESTCTL_TOKEN</c>, which a shell hands to every command, only to
    /// a loopback address (the host's default listener), so a mistyped or foreign address never receives it.
    /// </summary>
    public ManagementClient(CtlSettings settings, CtlTarget target)
    {
        _timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        _http = new HttpClient { BaseAddress = settings.BaseAddressOr(target), Timeout = _timeout };
        var environmentToken = Environment.GetEnvironmentVariable(TokenVariable);
        var token = settings.Token ?? (IsLoopback(_http.BaseAddress) ? environmentToken : null);
        _environmentTokenWithheld = settings.Token is null && token is null && !string.IsNullOrEmpty(environmentToken);
        if (!string.IsNullOrEmpty(token))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Uri Host => _http.BaseAddress!;

    /// <summary>The body of a successful GET of <paramref name="relativePath"/> (no leading slash).</summary>
    public async Task<string> GetJsonAsync(string relativePath, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(relativePath, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HostErrorException((int)response.StatusCode, Describe(response, body) + WithheldTokenHint(response));
        return body;
    }

    /// <summary>The status and body of a GET, whatever the status (a health check answers 503 with a body).</summary>
    public async Task<(int Status, string Body)> GetAnyAsync(string relativePath, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(relativePath, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private async Task<HttpResponseMessage> SendAsync(string relativePath, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.GetAsync(relativePath, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new HostUnreachableException(Host, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HostUnreachableException(Host, $"no answer within {_timeout.TotalSeconds:0} s");
        }
    }

    public async Task<T> GetAsync<T>(string relativePath, CancellationToken cancellationToken)
    {
        var body = await GetJsonAsync(relativePath, cancellationToken);
        return JsonSerializer.Deserialize<T>(body, Json)
            ?? throw new HostErrorException(200, $"The host answered {relativePath} with an empty body.");
    }

    public void Dispose() => _http.Dispose();

    private static bool IsLoopback(Uri address) =>
        address.IsLoopback || (System.Net.IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    private string WithheldTokenHint(HttpResponseMessage response) =>
        _environmentTokenWithheld && response.StatusCode == System.Net.HttpStatusCode.Unauthorized
            ? $" (${TokenVariable} is sent to loopback addresses only; give --token to send a token to {Host.Authority})"
            : "";

    private static string Describe(HttpResponseMessage response, string body)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return string.Join(": ", new[] { status, title, detail }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return status;
        }
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Akka.Ingest.Ctl.Client;

/// <summary>
/// Calls the host's <c>/admin</c> endpoints. Transport failures become <see cref="HostUnreachableException"/>,
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
        _stream = new Lazy<HttpClient>(() =>
        {
            var stream = new HttpClient { BaseAddress = _http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            stream.DefaultRequestHeaders.Authorization = _http.DefaultRequestHeaders.Authorization;
            return stream;
        });
    }

    private readonly Lazy<HttpClient> _stream;

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

    /// <summary>
    /// The body of a successful <paramref name="method"/> (PUT, POST) of <paramref name="relativePath"/> with
    /// <paramref name="body"/> as JSON (none when null).
    /// </summary>
    public async Task<string> SendJsonAsync(HttpMethod method, string relativePath, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, relativePath);
        if (body is not null)
            request.Content = JsonContent.Create(body, options: Json);
        using var response = await SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HostErrorException((int)response.StatusCode, Describe(response, text));
        return text;
    }

    /// <summary>
    /// A GET whose body is read as it arrives (Server-Sent Events); the caller disposes the response. Without a
    /// client time-out: the stream lasts until <paramref name="cancellationToken"/> or the host ends it.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string relativePath, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relativePath);
        request.Headers.Accept.ParseAdd("text/event-stream");
        HttpResponseMessage response;
        try
        {
            response = await _stream.Value.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new HostUnreachableException(Host, ex.Message);
        }
        if (response.IsSuccessStatusCode)
            return response;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        response.Dispose();
        throw new HostErrorException((int)response.StatusCode, Describe(response, text));
    }

    private Task<HttpResponseMessage> SendAsync(string relativePath, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, relativePath), cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken);
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

    public void Dispose()
    {
        _http.Dispose();
        if (_stream.IsValueCreated)
            _stream.Value.Dispose();
    }

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

using System.Net.Http.Json;
using System.Text.Json;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Stores;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.Management;

/// <summary>Starts a real host over a given store and reads its <c>/admin</c> answers.</summary>
public static class ManagementHost
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task<IngestHost> StartAsync(ICounterStore store, params string[] args) =>
        IngestHost.StartAsync(args, services => services.AddSingleton(store));

    public static async Task<PipelineStatsView> PipelineAsync(this IngestHost host) =>
        (await host.Management.GetFromJsonAsync<PipelineStatsView>("/admin/pipeline", Json))!;

    public static async Task<JsonElement> ActorsAsync(this IngestHost host, string query = "")
    {
        using var document = JsonDocument.Parse(await host.Management.GetStringAsync("/admin/actors" + query));
        return document.RootElement.Clone();
    }

    /// <summary>The node at <paramref name="path"/> in an <c>/admin/actors</c> answer, or null.</summary>
    public static JsonElement? Find(JsonElement node, string path)
    {
        if (node.GetProperty("path").GetString() == path)
            return node;
        foreach (var child in node.GetProperty("children").EnumerateArray())
        {
            if (Find(child, path) is { } found)
                return found;
        }
        return null;
    }
}

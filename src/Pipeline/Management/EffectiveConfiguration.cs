using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Akka.Ingest.Pipeline.Config;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// The configuration the host runs with, as flat <c>Section:Key</c> settings (the names used to override
/// them): the bound <c>Ingest</c> and <c>Management</c> options, defaults included, the logging settings as
/// configured, and the public addresses actually listened on (the management one is <c>Management:Host</c> and <c>Port</c>). Secrets are redacted (<see cref="SecretRedaction"/>).
/// Other configuration (environment variables at large) is left out on purpose.
/// </summary>
public sealed class EffectiveConfiguration(
    IOptions<IngestOptions> ingest, IOptions<ManagementOptions> management, IConfiguration configuration, IServer server)
{
    private static readonly string[] ConfiguredSections = ["Serilog", "Logging", "Kestrel"];

    private static readonly JsonSerializerOptions BoundOptions = new()
    {
        // Computed properties (IngestOptions.Policy) repeat settings; only settable ones are configuration.
        IgnoreReadOnlyProperties = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public IReadOnlyDictionary<string, string?> Read()
    {
        var settings = new SortedDictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(JsonSerializer.SerializeToNode(ingest.Value, BoundOptions), IngestOptions.Section, settings);
        Flatten(JsonSerializer.SerializeToNode(management.Value, BoundOptions), ManagementOptions.Section, settings);
        foreach (var section in ConfiguredSections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is not null)
                    settings[key] = value;
            }
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var publicAddresses = addresses is null ? [] : StartupBanner.Split(addresses, management.Value.Port).Public;
        settings["Urls"] = publicAddresses.Count > 0 ? string.Join(";", publicAddresses) : configuration["Urls"];

        foreach (var key in settings.Keys.ToArray())
            settings[key] = SecretRedaction.Redact(key, settings[key]);
        return settings;
    }

    private static void Flatten(JsonNode? node, string prefix, IDictionary<string, string?> settings)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                    Flatten(child, $"{prefix}:{name}", settings);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    Flatten(array[i], $"{prefix}:{i}", settings);
                break;
            case JsonValue value:
                settings[prefix] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                break;
            default:
                settings[prefix] = null;
                break;
        }
    }
}

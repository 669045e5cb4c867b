using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Pipeline.Logs;
using Akka.Ingest.Pipeline.Management;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Serilog;

namespace Akka.Ingest.Pipeline.Config;

/// <summary>Builds the web host the same way for <c>Program</c> and for tests.</summary>
public static class IngestHostBuilder
{
    /// <summary>Short command-line switches for the settings a newcomer changes most.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--store"] = "Ingest:Store:Kind",
        ["--connection-string"] = "Ingest:Store:ConnectionString",
        ["--partitions"] = "Ingest:Partitions",
        ["--threshold"] = "Ingest:CatchAllThreshold",
        ["--generate"] = "Generator:Events",
        ["--distribution"] = "Generator:Distribution",
        ["--seed"] = "Generator:Seed",
        ["--log-format"] = "Logs:Format",
    };

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // The shipped settings live in config/ and are copied beside the binaries; environment variables and
        // the command line still override them, so they are added again after the file.
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args, SwitchMappings.ToDictionary());

        var logLevel = new LogLevelControl(builder.Configuration);
        IngestLogging.FormatOf(builder.Configuration);
        builder.Services.AddSingleton(logLevel);
        builder.Services.AddSerilog((services, logger) => IngestLogging.Configure(logger, builder.Configuration, services, logLevel));
        // Kestrel reads only its endpoints from the "Kestrel" section by itself; the limits are bound here.
        builder.Services.Configure<KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));
        builder.Services.AddProblemDetails();
        builder.Services.AddIngest(builder.Configuration);
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        ManagementListener.Bind(app);
        app.UseMiddleware<StoreUnavailableMiddleware>();
        app.MapIngestApi();
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Log(app));
        return app;
    }
}

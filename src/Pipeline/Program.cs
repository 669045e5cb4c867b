using Akka.Ingest.Pipeline.Config;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    var app = IngestHostBuilder.Build(IngestHostBuilder.CreateBuilder(args));
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal("Akka.Ingest could not run: {Reason}", ex.Message);
    Log.Debug(ex, "Start-up failure");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;

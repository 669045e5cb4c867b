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
    // One line that says what is wrong; the host's own stack-trace log is turned down in appsettings.json
    // and the trace is kept at Debug level for whoever needs it.
    Log.Fatal("Akka.Ingest could not run: {Reason}", Describe(ex));
    Log.Debug(ex, "Start-up failure");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

static string Describe(Exception ex) =>
    ex is InvalidOperationException { InnerException: { } inner } && ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
        ? $"{ex.Message} {inner.GetBaseException().Message}"
        : ex.GetBaseException() is var root && root != ex ? $"{ex.Message} ({root.Message})" : ex.Message;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;

using Akka.Ingest.Pipeline.Config;
using Serilog;

// A plain logger until the host's own (configured in IngestHostBuilder) replaces it. Not a bootstrap
// (reloadable) logger: that one is frozen by the first host, and a second host in the same process
// (the test suites start several) would then fail to start.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
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
    // A logger of its own: the host's logger may already be disposed with the host.
    using var failure = new LoggerConfiguration().MinimumLevel.Is(Serilog.Events.LogEventLevel.Fatal).WriteTo.Console().CreateLogger();
    failure.Fatal("Akka.Ingest could not run: {Reason}", Describe(ex));
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

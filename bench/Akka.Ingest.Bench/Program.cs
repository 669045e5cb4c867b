namespace Akka.Ingest.Bench;

public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [BenchSettings.BareKestrelVerb, .. var rest])
            return await BareKestrel.RunAsync(rest);
        if (args is [NaiveUpsertService.Verb, .. var naive])
            return await NaiveUpsertService.RunAsync(naive);
        if (args is [SoakRunner.Verb, .. var soak])
            return await SoakRunner.RunAsync(soak);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchSettings.Usage);
            return 0;
        }

        BenchSettings settings;
        try
        {
            settings = BenchSettings.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        return await new BenchRunner(settings).RunAsync();
    }
}

namespace Akka.Ingest.Bench;

/// <summary>
/// A host build the scale-out figure measures: this runner's own (the build under test) or a baseline build's
/// Pipeline output folder (<c>--baseline-host DIR</c>), with the arguments only its nodes get.
/// </summary>
public sealed record ScaleOutBuild(string Label, string HostDirectory, IReadOnlyList<string> Arguments)
{
    public const string HostAssembly = "Akka.Ingest.Pipeline.dll";

    public string HostDll => Path.Combine(HostDirectory, HostAssembly);
}

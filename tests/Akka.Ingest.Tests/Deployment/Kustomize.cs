using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Akka.Ingest.Tests.Deployment;

/// <summary>
/// A kustomization as Kubernetes would receive it: <c>kubectl kustomize</c>'s output (patches, namespace and
/// images applied), parsed. Fails, never skips, where kubectl is missing.
/// </summary>
public static class Kustomize
{
    public static IReadOnlyList<YamlMappingNode> Render(string folder)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", RepositoryFiles.PathOf(folder)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"kubectl is needed to render {folder} (test.sh checks for it): {e.Message}");
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"kubectl kustomize {folder} failed: {errors.Result}");
            var stream = new YamlStream();
            stream.Load(new StringReader(output));
            return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
        }
    }
}

using YamlDotNet.RepresentationModel;

namespace Akka.Ingest.Tests.Deployment;

/// <summary>A repository YAML file read as nodes, with paths like <c>services.pipeline.healthcheck.test</c>.</summary>
public sealed class YamlFile
{
    private YamlFile(string relativePath, IReadOnlyList<YamlMappingNode> documents)
    {
        RelativePath = relativePath;
        Documents = documents;
    }

    public string RelativePath { get; }

    public IReadOnlyList<YamlMappingNode> Documents { get; }

    public YamlMappingNode Root => Documents.Single();

    public static YamlFile Load(string relativePath)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(RepositoryFiles.Read(relativePath)))
            stream.Load(reader);
        return new YamlFile(relativePath, stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList());
    }
}

/// <summary>Dotted paths into YAML nodes; a missing step fails the spec with the path that was asked for.</summary>
public static class YamlPaths
{
    public static YamlNode At(this YamlNode node, string path)
    {
        var current = node;
        foreach (var step in path.Split('.'))
        {
            current = current switch
            {
                YamlMappingNode map when map.Children.TryGetValue(new YamlScalarNode(step), out var child) => child,
                YamlSequenceNode list when int.TryParse(step, out var index) && index < list.Children.Count => list.Children[index],
                _ => throw new Xunit.Sdk.XunitException($"'{path}' has no '{step}'"),
            };
        }
        return current;
    }

    public static YamlNode? Find(this YamlNode node, string path)
    {
        try
        {
            return node.At(path);
        }
        catch (Xunit.Sdk.XunitException)
        {
            return null;
        }
    }

    /// <summary>The value under one key, dots and all (<c>prometheus.io/scrape</c>).</summary>
    public static string Key(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? ((YamlScalarNode)child).Value!
            : throw new Xunit.Sdk.XunitException($"no key '{key}'");

    public static string Text(this YamlNode node, string path) => ((YamlScalarNode)node.At(path)).Value!;

    public static IReadOnlyList<string> Strings(this YamlNode node, string path) =>
        ((YamlSequenceNode)node.At(path)).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();

    public static IReadOnlyList<YamlNode> Items(this YamlNode node, string path) =>
        ((YamlSequenceNode)node.At(path)).Children.ToList();
}

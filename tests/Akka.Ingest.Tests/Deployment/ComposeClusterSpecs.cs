using YamlDotNet.RepresentationModel;

namespace Akka.Ingest.Tests.Deployment;

/// <summary>
/// The compose cluster (docker/compose.yaml, profile cluster), read as files: every node lists every node as a
/// seed by the name that node advertises, over TLS with the shared certificate mounted as a secret, the nginx balancer
/// never resends a write to another node and keeps upstream connections alive, and Prometheus scrapes every node.
/// </summary>
public sealed class ComposeClusterSpecs
{
    private static readonly YamlMappingNode Services = (YamlMappingNode)YamlFile.Load("docker/compose.yaml").Root.At("services");

    private static readonly string[] Nodes = ["node1", "node2", "node3"];

    private static readonly NginxDirective Balancer = NginxDirective.Parse(RepositoryFiles.Read("docker/nginx/balancer.conf"));

    private static NginxDirective Server => Balancer.One("server");

    [Fact]
    public void Should_have_every_node_list_every_node_as_a_seed_by_the_name_it_advertises()
    {
        var cluster = Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!)
            .Where(service => Environment(service).ContainsKey("Ingest__Cluster__Enabled")).ToList();
        var advertised = Nodes.Select(node => $"akka.ssl.tcp://akka-ingest@{Environment(node)["Ingest__Cluster__Hostname"]}:{Environment(node)["Ingest__Cluster__Port"]}").ToList();

        Assert.Equal(Nodes, cluster);
        Assert.All(Nodes, node => Assert.Equal(node, Environment(node)["Ingest__Cluster__Hostname"]));
        foreach (var node in Nodes)
        {
            var seeds = Environment(node).Where(e => e.Key.StartsWith("Ingest__Cluster__SeedNodes__", StringComparison.Ordinal))
                .OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value).ToList();
            Assert.Equal(advertised, seeds);
        }
    }

    [Fact]
    public void Should_give_every_node_the_certificate_the_script_makes_as_a_secret()
    {
        var secret = YamlFile.Load("docker/compose.yaml").Root.At("secrets.cluster-tls");

        // Relative to docker/: the script's default output, which .gitignore keeps out of the repository.
        Assert.Equal("./cluster-tls/cluster.p12", secret.Text("file"));
        Assert.Contains("docker/cluster-tls/", RepositoryFiles.Read(".gitignore").Split('\n'));
        Assert.Contains("out=${1:-docker/cluster-tls/cluster.p12}", RepositoryFiles.Read("scripts/make-cluster-certificate.sh"));
        foreach (var node in Nodes)
        {
            Assert.Equal(["cluster-tls"], Merged((YamlMappingNode)Services.At(node))["secrets"].AllNodes.OfType<YamlScalarNode>().Select(n => n.Value!));
            Assert.Equal("/run/secrets/cluster-tls", Environment(node)["Ingest__Cluster__Tls__CertificatePath"]);
            Assert.Equal("${INGEST_CLUSTER_TLS_PASSWORD:-}", Environment(node)["Ingest__Cluster__Tls__CertificatePassword"]);
        }
    }

    [Fact]
    public void Should_balance_over_every_node_with_upstream_keep_alive()
    {
        var upstream = Balancer.All("upstream").Single();
        var proxied = Server.All("location").Select(l => l.One("proxy_pass").Arguments.Single()).Distinct().ToList();

        Assert.Equal(Nodes.Select(n => $"{n}:5080"), upstream.All("server").Select(s => s.Arguments[0]));
        Assert.True(int.Parse(upstream.One("keepalive").Arguments.Single()) > 0);
        Assert.Equal([$"http://{upstream.Arguments.Single()}"], proxied);
        foreach (var location in Server.All("location"))
        {
            Assert.Equal(["1.1"], NginxDirective.Effective("proxy_http_version", Server, location));
            // An empty Connection header upstream, else the client's "close" (or nginx's own default) ends the connection.
            var headers = Server.All("proxy_set_header").Concat(location.All("proxy_set_header")).ToList();
            Assert.Contains(headers, h => h.Arguments is ["Connection", ""]);
        }
    }

    [Fact]
    public void Should_never_resend_a_put_or_a_post_to_another_node()
    {
        Assert.NotEmpty(Server.All("location"));
        foreach (var location in Server.All("location"))
        {
            var retry = NginxDirective.Effective("proxy_next_upstream", Server, location) ?? ["error", "timeout"]; // nginx's default
            if (retry is ["off"])
                continue;
            // Resending is allowed only where nothing but GET (and HEAD) passes.
            var methods = location.All("limit_except").SingleOrDefault();
            Assert.True(methods is { Arguments: ["GET"] } && methods.One("deny").Arguments is ["all"],
                $"location {string.Join(' ', location.Arguments)} resends ({string.Join(' ', retry)}) requests that are not GET");
            Assert.DoesNotContain("non_idempotent", retry);
        }
        Assert.Equal(["off"], NginxDirective.Effective("proxy_next_upstream", Server, Server.All("location").Single(l => l.Arguments is ["/"])));
    }

    [Fact]
    public void Should_mount_the_balancer_config_and_start_the_balancer_once_the_nodes_are_healthy()
    {
        var balancer = Services.At("balancer");

        Assert.Contains("./nginx/balancer.conf:/etc/nginx/conf.d/default.conf:ro", balancer.Strings("volumes"));
        Assert.All(Nodes, node => Assert.Equal("service_healthy", balancer.Text($"depends_on.{node}.condition")));
    }

    [Fact]
    public void Should_scrape_every_pipeline_replica_and_every_cluster_node()
    {
        var prometheus = YamlFile.Load("docker/grafana/prometheus.yml").Root;
        var names = prometheus.Items("scrape_configs").SelectMany(job => job.Items("dns_sd_configs")).SelectMany(sd => sd.Strings("names")).ToList();

        Assert.Equal(["pipeline", .. Nodes], names);
        Assert.All(prometheus.Items("scrape_configs"), job => Assert.Equal("/metrics", job.Text("metrics_path")));
    }

    /// <summary>A service's environment with compose's <c>&lt;&lt;:</c> merge keys applied (YamlDotNet leaves them as keys).</summary>
    private static Dictionary<string, string> Environment(string service) =>
        Merged((YamlMappingNode)Services.At(service)).TryGetValue("environment", out var environment)
            ? Merged((YamlMappingNode)environment).ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value!)
            : [];

    private static Dictionary<string, YamlNode> Merged(YamlMappingNode map)
    {
        var merged = new Dictionary<string, YamlNode>();
        if (map.Children.TryGetValue(new YamlScalarNode("<<"), out var inherited))
            foreach (var (key, value) in Merged((YamlMappingNode)inherited))
                merged[key] = value;
        foreach (var (key, value) in map.Children)
            if (((YamlScalarNode)key).Value != "<<")
                merged[((YamlScalarNode)key).Value!] = value;
        return merged;
    }
}

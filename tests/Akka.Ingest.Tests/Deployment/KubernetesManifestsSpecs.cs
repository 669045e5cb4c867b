using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Akka.Ingest.Tests.Deployment;

/// <summary>
/// deploy/k8s, read offline: every resource the kustomizations list parses as a Kubernetes object, the host's
/// Deployment probes /health/live and /health/ready on the port the image listens on, its grace period outlasts
/// the drain, its secrets come from the Secret, and Prometheus is told where to scrape.
/// </summary>
public sealed class KubernetesManifestsSpecs
{
    private static readonly IReadOnlyList<YamlMappingNode> Base = Resources("deploy/k8s");

    private static YamlMappingNode Object(string kind, string name) =>
        Base.Single(o => o.Text("kind") == kind && o.Text("metadata.name") == name);

    private static YamlMappingNode Deployment => Object("Deployment", "akka-ingest");

    private static YamlNode Container => Deployment.Items("spec.template.spec.containers").Single();

    /// <summary>The objects in the files a kustomization lists (and, for a directory, the kustomization there).</summary>
    private static List<YamlMappingNode> Resources(string folder)
    {
        var kustomization = YamlFile.Load($"{folder}/kustomization.yaml").Root;
        var objects = new List<YamlMappingNode>();
        foreach (var resource in kustomization.Strings("resources"))
        {
            var path = Path.GetFullPath(Path.Combine(RepositoryFiles.PathOf(folder), resource));
            var relative = Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/');
            objects.AddRange(Directory.Exists(path) ? Resources(relative) : YamlFile.Load(relative).Documents);
        }
        return objects;
    }

    [Theory]
    [InlineData("deploy/k8s")]
    [InlineData("deploy/k8s/cluster")]
    public void Should_list_resources_that_are_kubernetes_objects(string folder)
    {
        var objects = Resources(folder);

        Assert.NotEmpty(objects);
        Assert.All(objects, o =>
        {
            Assert.Matches(@"^([a-z0-9.]+/)?v1(beta1)?$", o.Text("apiVersion"));
            Assert.Matches("^[A-Z][A-Za-z]+$", o.Text("kind"));
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", o.Text("metadata.name"));
        });
        Assert.Equal(objects.Count, objects.Select(o => (o.Text("kind"), o.Text("metadata.name"))).Distinct().Count());
    }

    [Fact]
    public void Should_probe_liveness_and_readiness_on_the_port_the_image_listens_on()
    {
        var imagePort = Regex.Match(RepositoryFiles.Read("docker/Dockerfile"), @"ASPNETCORE_URLS=http://0\.0\.0\.0:(\d+)").Groups[1].Value;
        var http = Container.Items("ports").Single(p => p.Text("name") == "http");

        Assert.Equal(imagePort, http.Text("containerPort"));
        Assert.Equal("/health/live", Container.Text("livenessProbe.httpGet.path"));
        Assert.Equal("/health/ready", Container.Text("readinessProbe.httpGet.path"));
        Assert.Equal("http", Container.Text("livenessProbe.httpGet.port"));
        Assert.Equal("http", Container.Text("readinessProbe.httpGet.port"));
        Assert.Equal("/health/live", Container.Text("startupProbe.httpGet.path"));
        // Start-up may wait for the database for Ingest:StoreStartupTimeout; the startup probe must allow it.
        var startupSeconds = int.Parse(Container.Text("startupProbe.periodSeconds")) * int.Parse(Container.Text("startupProbe.failureThreshold"));
        Assert.True(startupSeconds > Setting("StoreStartupTimeout").TotalSeconds, $"startup probe allows {startupSeconds} s");
    }

    [Fact]
    public void Should_give_a_grace_period_longer_than_the_pause_before_stopping_plus_the_drain()
    {
        var grace = int.Parse(Deployment.Text("spec.template.spec.terminationGracePeriodSeconds"));
        var pause = int.Parse(Container.Strings("lifecycle.preStop.exec.command") is ["sleep", var seconds] ? seconds : "0");
        var drain = Setting("DrainTimeout");

        Assert.True(grace >= pause + drain.TotalSeconds + 10,
            $"terminationGracePeriodSeconds {grace} leaves at least 10 s after the {pause} s pause and the {drain.TotalSeconds} s drain");
    }

    [Fact]
    public void Should_take_the_connection_string_and_the_token_from_the_secret()
    {
        var secret = Object("Secret", "akka-ingest");
        var keys = ((YamlMappingNode)secret.At("stringData")).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();

        foreach (var variable in new[] { "Ingest__Store__ConnectionString", "Management__Token" })
        {
            var reference = Env(Container, variable).At("valueFrom.secretKeyRef");
            Assert.Equal("akka-ingest", reference.Text("name"));
            Assert.Contains(reference.Text("key"), keys);
        }
        var postgres = Object("StatefulSet", "postgres").Items("spec.template.spec.containers").Single();
        Assert.Contains(Env(postgres, "POSTGRES_PASSWORD").Text("valueFrom.secretKeyRef.key"), keys);
        Assert.Contains("Host=postgres;", secret.Text("stringData.connection-string"));
        Assert.Null(Env(Container, "Management__Host").Find("value"));
    }

    [Fact]
    public void Should_tell_prometheus_to_scrape_metrics_on_the_api_port()
    {
        var annotations = Deployment.At("spec.template.metadata.annotations");

        Assert.Equal("true", annotations.Key("prometheus.io/scrape"));
        Assert.Equal(Container.Items("ports").Single(p => p.Text("name") == "http").Text("containerPort"), annotations.Key("prometheus.io/port"));
        Assert.Equal("/metrics", annotations.Key("prometheus.io/path"));
    }

    [Fact]
    public void Should_keep_management_on_the_pods_loopback_where_kubectl_exec_ingestctl_finds_it_with_the_token()
    {
        var service = Object("Service", "akka-ingest");
        var managementPort = Env(Container, "Management__Port").Text("value");

        // ingestctl's default address inside the pod, on loopback (no Management__Host), not in the Service nor the container's ports.
        Assert.Equal(new Uri(Akka.Ingest.Ctl.CtlTarget.DefaultAddress).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), managementPort);
        Assert.Null(Env(Container, "Management__Host").Find("value"));
        Assert.DoesNotContain(service.Items("spec.ports"), port => port.Text("port") == managementPort || port.Find("targetPort")?.ToString() == managementPort);
        Assert.DoesNotContain(Container.Items("ports"), port => port.Text("containerPort") == managementPort);
        // `kubectl exec … -- ingestctl …` sends the token the host requires.
        Assert.Equal(Env(Container, "Management__Token").Text("valueFrom.secretKeyRef.key"), Env(Container, "INGESTCTL_TOKEN").Text("valueFrom.secretKeyRef.key"));
    }

    /// <summary>An <c>Ingest:</c> setting as the Deployment sets it (environment), else as config/appsettings.json has it.</summary>
    private static TimeSpan Setting(string name)
    {
        if (Env(Container, $"Ingest__{name}").Find("value") is YamlScalarNode { Value: { } value })
            return TimeSpan.Parse(value);
        using var settings = JsonDocument.Parse(RepositoryFiles.Read("config/appsettings.json"));
        return TimeSpan.Parse(settings.RootElement.GetProperty("Ingest").GetProperty(name).GetString()!);
    }

    private static YamlNode Env(YamlNode container, string name) =>
        container.Items("env").SingleOrDefault(e => e.Text("name") == name) ?? new YamlMappingNode();
}

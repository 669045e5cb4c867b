using System.Text.RegularExpressions;
using Akka.Ingest.Pipeline.Config;
using YamlDotNet.RepresentationModel;

namespace Akka.Ingest.Tests.Deployment;

/// <summary>
/// deploy/k8s/cluster as kubectl renders it: one StatefulSet whose pods turn cluster mode on, each advertising its
/// stable name under the headless service, every replica listed as a seed by that same name and port, a majority as
/// the minimum, down-all on instability, a grace period covering the drain and the hand-off, one pod down at a time
/// and pods spread over machines, and mutual TLS on the cluster port with the certificate of a Secret mounted into
/// every pod.
/// </summary>
public sealed partial class ClusterOverlaySpecs
{
    private static readonly IReadOnlyList<YamlMappingNode> Cluster = Kustomize.Render("deploy/k8s/cluster");

    private static YamlMappingNode Single(string kind) => Cluster.Single(o => o.Text("kind") == kind && o.Text("metadata.name") == "akka-ingest");

    private static YamlMappingNode StatefulSet => Single("StatefulSet");

    private static YamlNode Container => StatefulSet.Items("spec.template.spec.containers").Single();

    private static string Env(string name) =>
        Container.Items("env").SingleOrDefault(e => e.Text("name") == name)?.Text("value")
        ?? throw new Xunit.Sdk.XunitException($"the StatefulSet's container sets no {name}");

    [Theory]
    [InlineData("deploy/k8s")]
    [InlineData("deploy/k8s/cluster")]
    public void Should_build_with_kubectl_kustomize_into_one_namespace(string folder)
    {
        var objects = Kustomize.Render(folder);

        Assert.NotEmpty(objects);
        Assert.All(objects.Where(o => o.Text("kind") != "Namespace"), o => Assert.Equal("akka-ingest", o.Text("metadata.namespace")));
        var hosts = objects.Where(o => o.Text("metadata.name") == "akka-ingest" && o.Text("kind") is "Deployment" or "StatefulSet").ToList();
        Assert.Single(hosts);
        Assert.Equal("akka-ingest:latest", hosts[0].Items("spec.template.spec.containers")[0].Text("image"));
    }

    [Fact]
    public void Should_turn_cluster_mode_on_with_every_replica_a_seed_by_the_name_it_advertises()
    {
        var headless = Cluster.Single(o => o.Text("kind") == "Service" && o.Find("spec.clusterIP") is YamlScalarNode { Value: "None" });
        var service = headless.Text("metadata.name");
        var replicas = int.Parse(StatefulSet.Text("spec.replicas"));
        var port = Env("Ingest__Cluster__Port");
        var podName = Container.Items("env").Single(e => e.Text("name") == "POD_NAME");

        Assert.Equal("true", Env("Ingest__Cluster__Enabled"));
        Assert.Equal(service, StatefulSet.Text("spec.serviceName"));
        Assert.Equal("metadata.name", podName.Text("valueFrom.fieldRef.fieldPath"));
        Assert.Equal($"$(POD_NAME).{service}", Env("Ingest__Cluster__Hostname"));
        Assert.Equal("0.0.0.0", Env("Ingest__Cluster__BindHostname"));
        // A pod is named <statefulset>-<ordinal>; its advertised address is then exactly its seed entry.
        var seeds = Container.Items("env").Where(e => SeedVariable().IsMatch(e.Text("name"))).Select(e => e.Text("value")).ToList();
        var expected = Enumerable.Range(0, replicas).Select(i => $"{IngestClusterOptions.TlsProtocol}://{AkkaConfiguration.ActorSystemName}@akka-ingest-{i}.{service}:{port}").ToList();
        Assert.Equal(expected, seeds);
        Assert.Equal(port, Container.Items("ports").Single(p => p.Text("name") == "remoting").Text("containerPort"));
        Assert.Equal(port, headless.Items("spec.ports").Single(p => p.Text("name") == "remoting").Text("port"));
        Assert.Equal("true", headless.Text("spec.publishNotReadyAddresses"));
        Assert.Equal(StatefulSet.At("spec.selector.matchLabels").Key("app.kubernetes.io/name"), headless.At("spec.selector").Key("app.kubernetes.io/name"));
        // No Akka.Management in the host: no bootstrap port, no API-server access for discovery.
        Assert.DoesNotContain(Container.Items("ports"), p => p.Text("containerPort") == "8558");
        Assert.DoesNotContain(Cluster, o => o.Text("kind") is "Role" or "RoleBinding");
    }

    [Fact]
    public void Should_admit_the_remoting_port_only_from_the_ingest_pods()
    {
        // Beside TLS (which refuses a peer without the certificate), the policy keeps other pods from reaching 4053 at all.
        var policy = Cluster.Single(o => o.Text("kind") == "NetworkPolicy");
        var podLabel = StatefulSet.At("spec.template.metadata.labels").Key("app.kubernetes.io/name");
        var rules = policy.Items("spec.ingress");
        var remoting = rules.Single(r => r.Items("ports").Any(p => p.Text("port") == "remoting"));

        Assert.Equal(podLabel, policy.At("spec.podSelector.matchLabels").Key("app.kubernetes.io/name"));
        Assert.Equal(["Ingress"], policy.Strings("spec.policyTypes"));
        Assert.Equal(podLabel, remoting.Items("from").Single().At("podSelector.matchLabels").Key("app.kubernetes.io/name"));
        Assert.Single(remoting.Items("ports"));
        Assert.All(rules.Where(r => r != remoting), r =>
            Assert.DoesNotContain(r.Items("ports"), p => p.Text("port") is "remoting" || p.Text("port") == Env("Ingest__Cluster__Port")));
        Assert.Contains(Container.Items("ports"), p => p.Text("name") == "remoting");
        Assert.Contains(rules, r => r.Find("from") is null && r.Items("ports").Any(p => p.Text("port") == "http"));
    }

    [Fact]
    public void Should_run_tls_on_the_cluster_port_with_the_certificate_and_password_of_one_secret()
    {
        var path = Env("Ingest__Cluster__Tls__CertificatePath");
        var password = Container.Items("env").Single(e => e.Text("name") == "Ingest__Cluster__Tls__CertificatePassword");
        var mount = Container.Items("volumeMounts").Single(m => path.StartsWith(m.Text("mountPath") + "/", StringComparison.Ordinal));
        var volume = StatefulSet.Items("spec.template.spec.volumes").Single(v => v.Text("name") == mount.Text("name"));
        var secret = volume.Text("secret.secretName");

        Assert.Equal("true", mount.Text("readOnly"));
        Assert.Equal(secret, password.Text("valueFrom.secretKeyRef.name"));
        Assert.Equal("password", password.Text("valueFrom.secretKeyRef.key"));
        var file = volume.Items("secret.items").Single();
        Assert.Equal(path, $"{mount.Text("mountPath")}/{file.Text("path")}");
        Assert.Equal("cluster.p12", file.Text("key"));
        // The operator makes it (scripts/make-cluster-certificate.sh): a key in the repository would be everyone's.
        Assert.DoesNotContain(Cluster, o => o.Text("kind") == "Secret" && o.Text("metadata.name") == secret);
    }

    [Fact]
    public void Should_start_every_pod_at_once_and_need_a_majority_to_form()
    {
        var replicas = int.Parse(StatefulSet.Text("spec.replicas"));

        // OrderedReady would deadlock: pod 0 is ready only once Up among MinimumMembers, which have not started.
        Assert.Equal("Parallel", StatefulSet.Text("spec.podManagementPolicy"));
        Assert.Equal(replicas / 2 + 1, int.Parse(Env("Ingest__Cluster__MinimumMembers")));
        Assert.True(bool.Parse(Env($"Ingest__Cluster__{nameof(IngestClusterOptions.DownAllWhenUnstable)}")));
    }

    [Fact]
    public void Should_give_a_grace_period_covering_the_pause_the_drain_and_the_hand_off()
    {
        var grace = int.Parse(StatefulSet.Text("spec.template.spec.terminationGracePeriodSeconds"));
        var pause = int.Parse(Container.Strings("lifecycle.preStop.exec.command") is ["sleep", var seconds] ? seconds : "0");
        var drain = TimeSpan.Parse(Env("Ingest__DrainTimeout"));
        var handOff = TimeSpan.Parse(Env("Ingest__Cluster__HandOffTimeout"));

        Assert.True(grace >= pause + drain.TotalSeconds + handOff.TotalSeconds + 15,
            $"terminationGracePeriodSeconds {grace} leaves 15 s to leave the cluster after the {pause} s pause, the {drain.TotalSeconds} s drain and the {handOff.TotalSeconds} s hand-off");
    }

    [Fact]
    public void Should_let_one_pod_go_at_a_time_and_prefer_one_pod_per_machine()
    {
        var budget = Single("PodDisruptionBudget");
        var antiAffinity = StatefulSet.Items("spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution").Single();
        var podLabel = StatefulSet.At("spec.template.metadata.labels").Key("app.kubernetes.io/name");

        Assert.Equal("1", budget.Text("spec.maxUnavailable"));
        Assert.Equal(podLabel, budget.At("spec.selector.matchLabels").Key("app.kubernetes.io/name"));
        Assert.Equal("kubernetes.io/hostname", antiAffinity.Text("podAffinityTerm.topologyKey"));
        Assert.Equal(podLabel, antiAffinity.At("podAffinityTerm.labelSelector.matchLabels").Key("app.kubernetes.io/name"));
        Assert.Equal("/health/ready", Container.Text("readinessProbe.httpGet.path"));
    }

    [GeneratedRegex(@"^Ingest__Cluster__SeedNodes__\d+$")]
    private static partial Regex SeedVariable();
}

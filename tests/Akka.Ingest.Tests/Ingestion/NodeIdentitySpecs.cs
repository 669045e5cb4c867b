using Akka.Ingest.Pipeline.Ingestion;

namespace Akka.Ingest.Tests.Ingestion;

public sealed class NodeIdentitySpecs
{
    [Fact]
    public void Should_carry_a_whole_guid_so_no_two_runs_share_an_origin()
    {
        var first = new NodeIdentity("node");
        var second = new NodeIdentity("node");

        Assert.NotEqual(first.Id, second.Id);
        Assert.StartsWith("node-", first.Id);
        Assert.True(Guid.TryParseExact(first.Id["node-".Length..], "N", out _), $"{first.Id} does not end in a full GUID");
        Assert.Equal($"{first.Id}/p3", first.OriginOf(3));
    }
}

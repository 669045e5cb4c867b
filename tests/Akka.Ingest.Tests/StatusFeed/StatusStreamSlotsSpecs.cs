using System.Net;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.StatusFeed;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Tests.StatusFeed;

/// <summary>One client address cannot take every SSE slot (audit finding 14); the node-wide cap still holds.</summary>
public sealed class StatusStreamSlotsSpecs
{
    private static readonly IPAddress Greedy = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress Other = IPAddress.Parse("192.0.2.20");

    private static StatusStreamSlots Slots(int total, int perAddress) =>
        new(Options.Create(new IngestOptions { StatusFeed = new StatusFeedOptions { MaxStreamClients = total, MaxStreamClientsPerAddress = perAddress } }));

    [Fact]
    public void Should_refuse_an_address_its_share_beyond_the_per_address_cap_and_still_admit_another()
    {
        var slots = Slots(total: 100, perAddress: 3);
        var held = Enumerable.Range(0, 3).Select(_ => slots.TryEnter(Greedy, out string? _)).ToArray();

        var fourth = slots.TryEnter(Greedy, out var refusal);
        using var other = slots.TryEnter(Other, out _);

        Assert.All(held, Assert.NotNull);
        Assert.Null(fourth);
        Assert.Equal("This client address already holds 3 streams", refusal);
        Assert.NotNull(other);
        Assert.Equal(4, slots.Open);
    }

    [Fact]
    public void Should_count_an_ipv4_mapped_address_as_its_ipv4_address()
    {
        var slots = Slots(total: 100, perAddress: 1);
        using var first = slots.TryEnter(Greedy, out _);

        Assert.Null(slots.TryEnter(Greedy.MapToIPv6(), out _));
    }

    [Fact]
    public void Should_give_an_address_a_slot_again_when_one_of_its_streams_ends()
    {
        var slots = Slots(total: 100, perAddress: 1);
        var first = slots.TryEnter(Greedy, out _);
        Assert.Null(slots.TryEnter(Greedy, out _));

        first!.Dispose();
        first.Dispose();

        using var again = slots.TryEnter(Greedy, out _);
        Assert.NotNull(again);
        Assert.Equal(1, slots.Open);
    }

    [Fact]
    public void Should_keep_the_node_wide_cap_across_addresses()
    {
        var slots = Slots(total: 2, perAddress: 10);
        using var a = slots.TryEnter(Greedy, out _);
        using var b = slots.TryEnter(Other, out _);

        Assert.Null(slots.TryEnter(IPAddress.Parse("192.0.2.30"), out var refusal));
        Assert.Equal("The status feed already serves 2 streams", refusal);
    }
}

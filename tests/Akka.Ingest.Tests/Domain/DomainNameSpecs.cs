using Akka.Ingest.Domain;

namespace Akka.Ingest.Tests.Domain;

public sealed class DomainNameSpecs
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("Example.COM", "example.com")]
    [InlineData("  example.com  ", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("mail_relay.example.com", "mail_relay.example.com")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    [InlineData("BÜCHER.de", "xn--bcher-kva.de")]
    [InlineData("例え.テスト", "xn--r8jz45g.xn--zckzah")]
    public void Should_normalise(string raw, string expected)
    {
        Assert.True(DomainName.TryNormalize(raw, out var normalized, out var error), error);
        Assert.Equal(expected, normalized);
    }

    public static TheoryData<string, string> Rejected => new()
    {
        { "", "empty" },
        { "   ", "empty" },
        { ".", "empty" },
        { new string('a', 64) + ".com", "label" },
        { "exa mple.com", "U+0020" },
        { "example..com", "empty label" },
        { ".example.com", "empty label" },
        { "example.com..", "empty label" },
        { "localhost", "two labels" },
        { "changes", "two labels" },
        { "exa'mple.com", "'''" },
        { "example.com;drop", "';'" },
        { "exam%ple.com", "'%'" },
        { "ex\0ample.com", "U+0000" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Should_reject_what_is_not_an_email_domain(string raw, string reasonFragment)
    {
        Assert.False(DomainName.TryNormalize(raw, out _, out var error));
        Assert.Contains(reasonFragment, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Should_accept_253_characters_and_reject_254()
    {
        var label = new string('a', 63);
        var name253 = $"{label}.{label}.{label}.{new string('b', 61)}";
        Assert.Equal(253, name253.Length);
        Assert.True(DomainName.TryNormalize(name253, out _, out _));
        Assert.False(DomainName.TryNormalize(name253 + "b", out _, out var error));
        Assert.Contains("253", error);
    }

    [Fact]
    public void Should_accept_a_63_character_label() =>
        Assert.True(DomainName.TryNormalize(new string('a', 63) + ".com", out _, out _));
}

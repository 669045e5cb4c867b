using Akka.Ingest.Workload.Distributions;

namespace Akka.Ingest.Tests.Generator;

public sealed class DistributionSpecParsingSpecs
{
    [Theory]
    [InlineData("mailgun", DistributionKind.Mailgun, 0)]
    [InlineData(" Mailgun ", DistributionKind.Mailgun, 0)]
    [InlineData("uniform:1", DistributionKind.Uniform, 1)]
    [InlineData("uniform:10000000", DistributionKind.Uniform, 10_000_000)]
    [InlineData("uniform:10_000_000", DistributionKind.Uniform, 10_000_000)]
    [InlineData("zipf:1000", DistributionKind.Zipf, 1000)]
    public void Should_parse_the_known_distributions(string text, DistributionKind kind, int domains)
    {
        Assert.True(DistributionSpec.TryParse(text, out var spec, out var error), error);
        Assert.Equal(new DistributionSpec(kind, domains), spec);
        Assert.Equal(spec, DistributionSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("poisson", "Unknown distribution 'poisson'")]
    [InlineData("uniform", "needs a domain count")]
    [InlineData("zipf:", "is not a whole number")]
    [InlineData("uniform:abc", "is not a whole number")]
    [InlineData("uniform:-5", "is not a whole number")]
    [InlineData("uniform:0", "between 1 and 10,000,000")]
    [InlineData("zipf:10000001", "between 1 and 10,000,000")]
    [InlineData("mailgun:5", "takes no domain count")]
    public void Should_explain_what_is_wrong(string text, string expected)
    {
        Assert.False(DistributionSpec.TryParse(text, out var spec, out var error));
        Assert.Null(spec);
        Assert.Contains(expected, error);
    }
}

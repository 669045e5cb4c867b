namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// Plans the domains of Mailgun's reference generator, one after another: 14 random letters and one of
/// .net .com .org .io .gov, <c>rand(0..2499)</c> events, and <c>(int)(0.35 * events)</c> as the bounce stride,
/// except for <see cref="BounceFreeDomains"/>. The letters are lowercase, so every name is already normalised
/// and is counted by the host under exactly the name generated.
/// </summary>
public sealed class MailgunDomainPlanner(long seed)
{
    public const int MaxEventsPerDomain = 2499;
    public const int NameLetters = 14;
    public const double BounceStrideRatio = 0.35;

    private static readonly string[] TopLevelDomains = [".net", ".com", ".org", ".io", ".gov"];

    private SeededRandom _random = new(seed, RandomStreams.MailgunDomains);
    private long _nextIndex;

    public MailgunDomainPlan Next()
    {
        var index = _nextIndex++;
        var domain = NextName();
        var events = _random.NextInt(MaxEventsPerDomain + 1);
        var bounceEvery = BounceFreeDomains.Contains(index) ? 0 : (int)(BounceStrideRatio * events);
        return new MailgunDomainPlan(index, domain, events, bounceEvery);
    }

    private string NextName()
    {
        var tld = TopLevelDomains[_random.NextInt(TopLevelDomains.Length)];
        Span<char> name = stackalloc char[NameLetters + 4];
        for (var i = 0; i < NameLetters; i++)
            name[i] = (char)('a' + _random.NextInt(26));
        tld.CopyTo(name[NameLetters..]);
        return new string(name[..(NameLetters + tld.Length)]);
    }
}

namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// One domain of the Mailgun reference stream: its name, how many events it gets, and which are bounces.
/// Event <c>i</c> is a bounce when <see cref="BounceEvery"/> is non-zero and <c>i % BounceEvery == 0</c>.
/// </summary>
/// <param name="Index">The domain's position in the stream of planned domains, from zero.</param>
/// <param name="BounceEvery"><c>(int)(0.35 * Events)</c>, or zero for a bounce-free domain.</param>
public readonly record struct MailgunDomainPlan(long Index, string Domain, int Events, int BounceEvery)
{
    public bool IsBounce(int eventIndex) => BounceEvery != 0 && eventIndex % BounceEvery == 0;

    public int Bounces => BounceEvery == 0 ? 0 : (Events + BounceEvery - 1) / BounceEvery;

    public int Deliveries => Events - Bounces;
}

namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// Zipf's law over N domains: index k (rank k + 1) is drawn with probability proportional to 1 / (k + 1)^s.
/// Uses rejection-inversion (Hörmann and Derflinger, 1996), which needs no table, so N may be 10,000,000 at
/// constant cost per draw. With s = 1 and a million domains, the hottest 1% take about two thirds of the events.
/// </summary>
public sealed class ZipfIndexSampler : IIndexSampler
{
    public const double DefaultExponent = 1.0;

    private readonly double _exponent;
    private readonly double _hIntegralX1;
    private readonly double _hIntegralDomains;
    private readonly double _squeeze;

    public ZipfIndexSampler(int domains, double exponent = DefaultExponent)
    {
        if (domains <= 0)
            throw new ArgumentOutOfRangeException(nameof(domains));
        if (!(exponent > 0))
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "The exponent must be positive.");

        Domains = domains;
        _exponent = exponent;
        _hIntegralX1 = HIntegral(1.5) - 1.0;
        _hIntegralDomains = HIntegral(domains + 0.5);
        _squeeze = 2.0 - HIntegralInverse(HIntegral(2.5) - H(2.0));
    }

    public int Domains { get; }

    public int Sample(ref SeededRandom random)
    {
        while (true)
        {
            var u = _hIntegralDomains + random.NextDouble() * (_hIntegralX1 - _hIntegralDomains);
            var x = HIntegralInverse(u);
            var rank = (long)(x + 0.5);
            rank = Math.Clamp(rank, 1, Domains);
            if (rank - x <= _squeeze || u >= HIntegral(rank + 0.5) - H(rank))
                return (int)rank - 1;
        }
    }

    private double H(double x) => Math.Exp(-_exponent * Math.Log(x));

    private double HIntegral(double x)
    {
        var logX = Math.Log(x);
        return LogRatioExpm1((1.0 - _exponent) * logX) * logX;
    }

    private double HIntegralInverse(double x)
    {
        var t = Math.Max(x * (1.0 - _exponent), -1.0);
        return Math.Exp(Log1pRatio(t) * x);
    }

    /// <summary>log(1 + x) / x, continuous at 0 (where s = 1 would divide by zero).</summary>
    private static double Log1pRatio(double x) =>
        Math.Abs(x) > 1e-8 ? Math.Log(1.0 + x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));

    /// <summary>(e^x − 1) / x, continuous at 0.</summary>
    private static double LogRatioExpm1(double x) =>
        Math.Abs(x) > 1e-8 ? (Math.Exp(x) - 1.0) / x : 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + 0.25 * x));
}

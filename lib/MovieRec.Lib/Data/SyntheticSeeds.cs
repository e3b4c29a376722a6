namespace MovieRec.Data;

/// <summary>
/// Seeds for the synthetic generator. Each user gets its own <see cref="Random"/> seeded from
/// (seed, user id, stream), so users can be generated on any thread in any order and the files stay
/// byte-identical. <see cref="Random(int)"/> is used because its sequence is fixed for a given seed.
/// </summary>
internal static class SyntheticSeeds
{
    /// <summary>Stream of the movie catalog.</summary>
    public const int CatalogStream = 1;

    /// <summary>Stream of a user's plan (activity, active period, tagging).</summary>
    public const int PlanStream = 2;

    /// <summary>Stream of a user's history (chosen movies, times, ratings, tags).</summary>
    public const int HistoryStream = 3;

    /// <summary>Stream of the choice of a guaranteed rater for every rated movie.</summary>
    public const int GuaranteeStream = 4;

    /// <summary>Stream of a user's taste (factor vector and rating bias).</summary>
    public const int TasteStream = 5;

    /// <summary>A well-mixed 31-bit seed from (seed, id, stream), via SplitMix64 finalisation.</summary>
    public static int Derive(int seed, int id, int stream)
    {
        var x = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)id * 0xBF58476D1CE4E5B9UL + (ulong)stream * 0x94D049BB133111EBUL);
        x ^= x >> 30;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        x ^= x >> 27;
        x = unchecked(x * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (int)(x & 0x7FFF_FFFF);
    }

    /// <summary>A standard normal draw (Box–Muller; one of the pair is discarded to keep the code stateless).</summary>
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Two independent standard normal draws from one Box–Muller transform (half the cost of two calls).</summary>
    public static (double First, double Second) GaussianPair(Random random)
    {
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * random.NextDouble());
        return (radius * cos, radius * sin);
    }
}

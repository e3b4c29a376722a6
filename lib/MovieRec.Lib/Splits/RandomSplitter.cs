using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>Options of <see cref="RandomSplitter"/>. Defaults give the classic 80/20 rating-prediction split.</summary>
public sealed record RandomSplitOptions
{
    /// <summary>Share of all ratings that go to test, strictly between 0 and 1. Default 0.2.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Seed of the shuffle. Default 42.</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>
/// Global random split: round(n × TestFraction) ratings (nearest, halves up), chosen uniformly at
/// random over the whole table, go to test. It ignores users, so — unlike the per-user splitters —
/// a test user may have no ratings in train (a cold-start user); use
/// <see cref="StratifiedPerUserSplitter"/> when every test user must be known to the model.
/// </summary>
public static class RandomSplitter
{
    /// <summary>Splits with the given test fraction and seed.</summary>
    public static TrainTestSplit Split(RatingsTable ratings, double testFraction = 0.2, int seed = 42) =>
        Split(ratings, new RandomSplitOptions { TestFraction = testFraction, Seed = seed });

    /// <summary>Splits with <paramref name="options"/>; the same seed always gives the same split.</summary>
    public static TrainTestSplit Split(RatingsTable ratings, RandomSplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(options);
        SplitHelpers.ValidateFraction(options.TestFraction, nameof(options));

        var n = ratings.Count;
        var testCount = SplitHelpers.RoundedCount(n, options.TestFraction);
        // Selection sampling (Knuth's Algorithm S): row i is picked with probability
        // (still needed) / (rows left), which yields exactly testCount rows, every subset equally
        // likely, in one sequential pass — much faster than shuffling an index array at 25M rows.
        var random = new Random(options.Seed);
        var isTest = new bool[n];
        var needed = testCount;
        for (var i = 0; i < n && needed > 0; i++)
        {
            if (random.NextDouble() * (n - i) < needed)
            {
                isTest[i] = true;
                needed--;
            }
        }

        var description = $"random split, {SplitHelpers.Percent(options.TestFraction)} test, seed {options.Seed}";
        return SplitHelpers.FromMask(ratings, isTest, description);
    }
}

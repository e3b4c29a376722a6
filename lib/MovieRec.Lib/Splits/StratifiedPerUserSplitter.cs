using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>
/// Options of <see cref="StratifiedPerUserSplitter"/>. The defaults are the project standard:
/// 75/25 per user, seed 42, at least one rating of each user kept in train.
/// </summary>
public sealed record StratifiedPerUserSplitOptions
{
    /// <summary>Share of each user's ratings that goes to test, strictly between 0 and 1. Default 0.25.</summary>
    public double TestFraction { get; init; } = 0.25;

    /// <summary>Seed of the per-user shuffles. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Ratings of each user that always stay in train; at least 1. Default 1.</summary>
    public int MinimumTrainPerUser { get; init; } = 1;
}

/// <summary>
/// Stratified per-user random split, the project's standard split. For each user with n ratings,
/// round(n × TestFraction) of them (nearest, halves up), capped at n − MinimumTrainPerUser, are
/// picked uniformly at random and go to test; the rest stay in train. So a user whose rounded share
/// is 0 (e.g. 1 rating at 25%) or who has no more than MinimumTrainPerUser ratings stays entirely in
/// train, and every user in test also has ratings in train.
/// </summary>
/// <remarks>
/// Users are visited in ascending id order with one <see cref="Random"/> seeded by
/// <see cref="StratifiedPerUserSplitOptions.Seed"/>, so a split depends only on the table's content
/// and row order and the seed. Grouping uses a counting sort, not per-user lists.
/// </remarks>
public static class StratifiedPerUserSplitter
{
    /// <summary>Splits with the given per-user test fraction and seed (other options at their defaults).</summary>
    public static TrainTestSplit Split(RatingsTable ratings, double testFraction = 0.25, int seed = 42) =>
        Split(ratings, new StratifiedPerUserSplitOptions { TestFraction = testFraction, Seed = seed });

    /// <summary>Splits with <paramref name="options"/>; the same seed always gives the same split.</summary>
    public static TrainTestSplit Split(RatingsTable ratings, StratifiedPerUserSplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(options);
        SplitHelpers.ValidateFraction(options.TestFraction, nameof(options));
        if (options.MinimumTrainPerUser < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.MinimumTrainPerUser, "MinimumTrainPerUser must be at least 1.");
        }

        var groups = UserGroups.Build(ratings.UserIds);
        var isTest = new bool[ratings.Count];
        var random = new Random(options.Seed);
        for (var g = 0; g < groups.Count; g++)
        {
            var rows = groups.RowsOf(g);
            var testCount = TestCountForUser(rows.Length, options.TestFraction, options.MinimumTrainPerUser);
            // Partial Fisher–Yates over this user's rows: the first testCount become a uniform sample.
            for (var i = 0; i < testCount; i++)
            {
                var j = random.Next(i, rows.Length);
                (rows[i], rows[j]) = (rows[j], rows[i]);
                isTest[rows[i]] = true;
            }
        }

        var description =
            $"stratified per user, {SplitHelpers.Percent(options.TestFraction)} of each user's ratings to test, " +
            $"at least {options.MinimumTrainPerUser} kept in train, seed {options.Seed}";
        return SplitHelpers.FromMask(ratings, isTest, description);
    }

    /// <summary>How many of a user's <paramref name="ratingCount"/> ratings go to test.</summary>
    public static int TestCountForUser(int ratingCount, double testFraction, int minimumTrainPerUser = 1) =>
        Math.Max(0, Math.Min(SplitHelpers.RoundedCount(ratingCount, testFraction), ratingCount - minimumTrainPerUser));
}

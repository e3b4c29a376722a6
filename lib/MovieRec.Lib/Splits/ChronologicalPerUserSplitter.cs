using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>Options of <see cref="ChronologicalPerUserSplitter"/>.</summary>
public sealed record ChronologicalPerUserSplitOptions
{
    /// <summary>Share of each user's ratings (the latest ones) that goes to test, strictly between 0 and 1. Default 0.25.</summary>
    public double TestFraction { get; init; } = 0.25;

    /// <summary>Ratings of each user (the earliest ones) that always stay in train; at least 1. Default 1.</summary>
    public int MinimumTrainPerUser { get; init; } = 1;
}

/// <summary>
/// Chronological per-user split: for each user with n ratings, the latest round(n × TestFraction)
/// (nearest, halves up, capped at n − MinimumTrainPerUser) go to test. "Latest" means by timestamp;
/// ratings with equal timestamps are ordered by their row in the input, a later row counting as
/// later. Hence each user's test timestamps are all ≥ that user's train timestamps, every test user
/// is in train, and users whose share rounds to 0 stay entirely in train. No randomness, no seed.
/// </summary>
public static class ChronologicalPerUserSplitter
{
    /// <summary>Splits with the given per-user test fraction.</summary>
    public static TrainTestSplit Split(RatingsTable ratings, double testFraction = 0.25) =>
        Split(ratings, new ChronologicalPerUserSplitOptions { TestFraction = testFraction });

    /// <summary>Splits with <paramref name="options"/>.</summary>
    public static TrainTestSplit Split(RatingsTable ratings, ChronologicalPerUserSplitOptions options)
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
        SplitHelpers.SortGroupsChronologically(groups, ratings.Timestamps);
        var isTest = new bool[ratings.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var rows = groups.RowsOf(g);
            var testCount = StratifiedPerUserSplitter.TestCountForUser(
                rows.Length, options.TestFraction, options.MinimumTrainPerUser);
            foreach (var row in rows[(rows.Length - testCount)..])
            {
                isTest[row] = true;
            }
        }

        var description =
            $"chronological per user, latest {SplitHelpers.Percent(options.TestFraction)} of each user's ratings to test, " +
            $"at least {options.MinimumTrainPerUser} kept in train";
        return SplitHelpers.FromMask(ratings, isTest, description);
    }
}

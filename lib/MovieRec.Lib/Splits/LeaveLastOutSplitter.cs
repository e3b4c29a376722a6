using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>Options of <see cref="LeaveLastOutSplitter"/>.</summary>
public sealed record LeaveLastOutSplitOptions
{
    /// <summary>How many of each user's latest ratings go to test; at least 1. Default 1 (leave-one-out).</summary>
    public int Count { get; init; } = 1;
}

/// <summary>
/// Leave-last-k-out: the k latest ratings of each user (by timestamp, equal timestamps ordered by
/// input row, a later row counting as later) go to test. Users with k or fewer ratings stay
/// entirely in train, so every test user keeps at least one rating in train and each user's test
/// timestamps are ≥ that user's train timestamps. No randomness, no seed.
/// </summary>
public static class LeaveLastOutSplitter
{
    /// <summary>Leaves the <paramref name="count"/> latest ratings of each user out for test.</summary>
    public static TrainTestSplit Split(RatingsTable ratings, int count = 1) =>
        Split(ratings, new LeaveLastOutSplitOptions { Count = count });

    /// <summary>Splits with <paramref name="options"/>.</summary>
    public static TrainTestSplit Split(RatingsTable ratings, LeaveLastOutSplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Count, "Count must be at least 1.");
        }

        var groups = UserGroups.Build(ratings.UserIds);
        SplitHelpers.SortGroupsChronologically(groups, ratings.Timestamps);
        var isTest = new bool[ratings.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var rows = groups.RowsOf(g);
            if (rows.Length <= options.Count)
            {
                continue; // too few ratings: the whole user stays in train
            }

            foreach (var row in rows[(rows.Length - options.Count)..])
            {
                isTest[row] = true;
            }
        }

        var description = $"leave last {options.Count} out per user (users with ≤ {options.Count} ratings kept in train)";
        return SplitHelpers.FromMask(ratings, isTest, description);
    }
}

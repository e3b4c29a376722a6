using MovieRec.Splits;

namespace MovieRec.Exploration;

/// <summary>
/// What a train/test split looks like from the models' side: sizes, which users and movies each part has,
/// how much of each user's history was held out, and the cold items — test movies that never occur in train.
/// A pure collaborative-filtering model knows a movie only from its train ratings, so it can never recommend
/// a cold item: the held-out ratings of cold items cap what it can reach. Content features (genres, the
/// two-tower's item tower) are the way around that.
/// </summary>
/// <param name="TrainRatings">Ratings in train.</param>
/// <param name="TestRatings">Ratings in test.</param>
/// <param name="TestShare">Test ratings / all ratings.</param>
/// <param name="TrainUsers">Distinct users in train.</param>
/// <param name="TestUsers">Distinct users in test.</param>
/// <param name="TestUsersNotInTrain">Test users with no train rating (cold users; 0 for a per-user split).</param>
/// <param name="TrainMovies">Distinct movies in train.</param>
/// <param name="TestMovies">Distinct movies in test.</param>
/// <param name="ColdTestMovies">Test movies that never occur in train.</param>
/// <param name="ColdTestRatings">Test ratings of those movies.</param>
/// <param name="UserTestShares">Per test user: their test ratings / all their ratings, in ascending user id order.</param>
/// <param name="MinimumUserTestShare">Smallest of <paramref name="UserTestShares"/> (NaN when there are no test users).</param>
/// <param name="MedianUserTestShare">Median of <paramref name="UserTestShares"/> (NaN when there are no test users).</param>
/// <param name="MaximumUserTestShare">Largest of <paramref name="UserTestShares"/> (NaN when there are no test users).</param>
public sealed record SplitOverview(
    int TrainRatings,
    int TestRatings,
    double TestShare,
    int TrainUsers,
    int TestUsers,
    int TestUsersNotInTrain,
    int TrainMovies,
    int TestMovies,
    int ColdTestMovies,
    int ColdTestRatings,
    double[] UserTestShares,
    double MinimumUserTestShare,
    double MedianUserTestShare,
    double MaximumUserTestShare)
{
    /// <summary>Describes <paramref name="split"/>.</summary>
    public static SplitOverview Of(TrainTestSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var train = split.Train;
        var test = split.Test;
        var trainPerUser = new Dictionary<int, int>();
        foreach (var user in train.UserIds)
        {
            trainPerUser[user] = trainPerUser.GetValueOrDefault(user) + 1;
        }

        var testPerUser = new SortedDictionary<int, int>();
        foreach (var user in test.UserIds)
        {
            testPerUser[user] = testPerUser.GetValueOrDefault(user) + 1;
        }

        var trainMovies = new HashSet<int>(train.MovieIds);
        var testMovies = new HashSet<int>(test.MovieIds);
        var coldRatings = test.MovieIds.Count(m => !trainMovies.Contains(m));
        var shares = testPerUser
            .Select(p => (double)p.Value / (p.Value + trainPerUser.GetValueOrDefault(p.Key)))
            .ToArray();
        var sorted = shares.Order().ToArray();
        var n = sorted.Length;
        return new SplitOverview(
            train.Count,
            test.Count,
            split.TestShare,
            trainPerUser.Count,
            testPerUser.Count,
            testPerUser.Keys.Count(u => !trainPerUser.ContainsKey(u)),
            trainMovies.Count,
            testMovies.Count,
            testMovies.Count(m => !trainMovies.Contains(m)),
            coldRatings,
            shares,
            n == 0 ? double.NaN : sorted[0],
            n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
            n == 0 ? double.NaN : sorted[^1]);
    }

    /// <summary>Share of test ratings whose movie is cold (never in train): out of reach of pure collaborative filtering.</summary>
    public double ColdTestRatingShare => TestRatings == 0 ? 0 : (double)ColdTestRatings / TestRatings;

    /// <summary>The numbers as (name, value) rows for a two-column table.</summary>
    public IReadOnlyList<(string Name, string Value)> ToRows() =>
    [
        ("ratings (train / test)", $"{TrainRatings:N0} / {TestRatings:N0} ({TestShare:P1} in test)"),
        ("users (train / test)", $"{TrainUsers:N0} / {TestUsers:N0}"),
        ("test users with no train rating", $"{TestUsersNotInTrain:N0}"),
        ("per-user test share (min / median / max)", $"{MinimumUserTestShare:P1} / {MedianUserTestShare:P1} / {MaximumUserTestShare:P1}"),
        ("movies (train / test)", $"{TrainMovies:N0} / {TestMovies:N0}"),
        ("cold test movies (not in train)", $"{ColdTestMovies:N0}"),
        ("test ratings of cold movies", $"{ColdTestRatings:N0} ({ColdTestRatingShare:P1} of test)"),
    ];
}

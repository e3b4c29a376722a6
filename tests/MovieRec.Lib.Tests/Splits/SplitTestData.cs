using System.Globalization;
using MovieRec.Data;
using MovieRec.Splits;

namespace MovieRec.Tests.Splits;

/// <summary>Fixtures and invariant checks shared by the splitter tests.</summary>
internal static class SplitTestData
{
    /// <summary>A table from (user, movie, rating, timestamp) rows.</summary>
    public static RatingsTable Table(params (int User, int Movie, float Rating, long Time)[] rows) =>
        new(
            rows.Select(r => r.User).ToArray(),
            rows.Select(r => r.Movie).ToArray(),
            rows.Select(r => r.Rating).ToArray(),
            rows.Select(r => r.Time).ToArray());

    /// <summary>
    /// A seeded random table: <paramref name="users"/> users with 1..<paramref name="maxPerUser"/>
    /// ratings each, rows shuffled, timestamps with deliberate ties.
    /// </summary>
    public static RatingsTable Random(int users, int maxPerUser, int seed, int userIdOffset = 1)
    {
        var random = new Random(seed);
        var rows = new List<(int, int, float, long)>();
        for (var u = 0; u < users; u++)
        {
            var count = random.Next(1, maxPerUser + 1);
            for (var i = 0; i < count; i++)
            {
                rows.Add((u * 7 + userIdOffset, random.Next(1, 500), random.Next(1, 11) / 2f, 1_000_000_000L + random.Next(0, 50)));
            }
        }

        var shuffled = rows.OrderBy(_ => random.Next()).ToArray();
        return Table(shuffled);
    }

    /// <summary>Reads the real ml-latest-small ratings.csv with a plain parser (the loader is not ours to depend on).</summary>
    public static RatingsTable MlLatestSmall()
    {
        Assert.NotNull(SharedData.MlLatestSmall);
        var lines = File.ReadAllLines(Path.Combine(SharedData.MlLatestSmall!, "ratings.csv")).Skip(1).ToArray();
        var rows = lines.Select(line =>
        {
            var f = line.Split(',');
            return (int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture),
                float.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture));
        }).ToArray();
        return Table(rows);
    }

    public static List<(int User, int Movie, float Rating, long Time)> Rows(RatingsTable table) =>
        Enumerable.Range(0, table.Count)
            .Select(i => (table.UserIds[i], table.MovieIds[i], table.Ratings[i], table.Timestamps[i]))
            .ToList();

    /// <summary>Train and test together are exactly the input as multisets, and each keeps input order.</summary>
    public static void AssertPartition(RatingsTable input, TrainTestSplit split)
    {
        Assert.Equal(input.Count, split.Train.Count + split.Test.Count);
        var expected = Rows(input).Order().ToList();
        var actual = Rows(split.Train).Concat(Rows(split.Test)).Order().ToList();
        Assert.Equal(expected, actual);

        // Disjoint as multisets: counting each distinct row, train + test never exceeds the input.
        var inputCounts = Rows(input).CountBy(r => r).ToDictionary();
        foreach (var (row, count) in Rows(split.Train).Concat(Rows(split.Test)).CountBy(r => r))
        {
            Assert.True(count <= inputCounts[row], $"row {row} appears {count} times, input has {inputCounts[row]}");
        }

        AssertSubsequence(Rows(input), Rows(split.Train));
        AssertSubsequence(Rows(input), Rows(split.Test));
    }

    /// <summary>Every user with a test rating also has a train rating.</summary>
    public static void AssertTestUsersInTrain(TrainTestSplit split)
    {
        var trainUsers = split.Train.UserIds.ToHashSet();
        Assert.All(split.Test.UserIds, u => Assert.Contains(u, trainUsers));
    }

    /// <summary>Per user, no test timestamp is earlier than any train timestamp.</summary>
    public static void AssertTestNotBeforeTrain(TrainTestSplit split)
    {
        var latestTrain = new Dictionary<int, long>();
        for (var i = 0; i < split.Train.Count; i++)
        {
            var u = split.Train.UserIds[i];
            latestTrain[u] = Math.Max(latestTrain.GetValueOrDefault(u, long.MinValue), split.Train.Timestamps[i]);
        }

        for (var i = 0; i < split.Test.Count; i++)
        {
            Assert.True(split.Test.Timestamps[i] >= latestTrain[split.Test.UserIds[i]],
                $"user {split.Test.UserIds[i]}: test time {split.Test.Timestamps[i]} < train time {latestTrain[split.Test.UserIds[i]]}");
        }
    }

    public static Dictionary<int, int> CountsByUser(RatingsTable table) =>
        table.UserIds.CountBy(u => u).ToDictionary();

    public static bool SameRows(RatingsTable a, RatingsTable b) => Rows(a).SequenceEqual(Rows(b));

    private static void AssertSubsequence<T>(List<T> sequence, List<T> subsequence)
    {
        var j = 0;
        foreach (var item in sequence)
        {
            if (j < subsequence.Count && EqualityComparer<T>.Default.Equals(item, subsequence[j]))
            {
                j++;
            }
        }

        Assert.True(j == subsequence.Count, "split rows are not in input order");
    }
}

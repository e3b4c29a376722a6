using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Tests.Models.Baselines;

/// <summary>Small training sets written as (user, movie, stars) triples.</summary>
internal static class BaselineTestData
{
    /// <summary>Training data from triples; timestamps increase with the row.</summary>
    public static TrainingData Train(params (int User, int Movie, float Stars)[] rows)
    {
        var table = new RatingsTable(
            rows.Select(r => r.User).ToArray(),
            rows.Select(r => r.Movie).ToArray(),
            rows.Select(r => r.Stars).ToArray(),
            rows.Select((_, i) => 1_000_000_000L + i).ToArray());
        return new TrainingData(table);
    }

    /// <summary>Binary training data: each user rated the listed movies with 4 stars.</summary>
    public static TrainingData Binary(params (int User, int[] Movies)[] users) =>
        Train(users.SelectMany(u => u.Movies.Select(m => (u.User, m, 4f))).ToArray());
}

using MovieRec.Data;

namespace MovieRec.Evaluation;

/// <summary>
/// How often each movie was rated in the training data: the catalogue for coverage and the popularity
/// share behind novelty (recommenders' "item choice model": p(i) = ratings of i / all ratings).
/// </summary>
public sealed class ItemPopularity
{
    private readonly Dictionary<int, int> _counts;

    private ItemPopularity(Dictionary<int, int> counts, long total)
    {
        _counts = counts;
        TotalInteractions = total;
    }

    /// <summary>Distinct movies with at least one training rating.</summary>
    public int CatalogueSize => _counts.Count;

    /// <summary>Number of training ratings.</summary>
    public long TotalInteractions { get; }

    /// <summary>Training ratings of a movie (0 when it has none).</summary>
    public int CountOf(int movieId) => _counts.GetValueOrDefault(movieId);

    /// <summary>True when the movie is in the training catalogue.</summary>
    public bool Contains(int movieId) => _counts.ContainsKey(movieId);

    /// <summary>Self-information −log2(count / total) in bits; +∞ for a movie outside the catalogue.</summary>
    public double SelfInformation(int movieId)
    {
        var count = CountOf(movieId);
        return count == 0 ? double.PositiveInfinity : -Math.Log2((double)count / TotalInteractions);
    }

    /// <summary>Counts every rating row of the training table (one row = one interaction).</summary>
    /// <exception cref="ArgumentException">The table is empty.</exception>
    public static ItemPopularity FromRatings(RatingsTable train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
        {
            throw new ArgumentException("Popularity needs at least one training rating.", nameof(train));
        }

        var counts = new Dictionary<int, int>();
        foreach (var movieId in train.MovieIds)
        {
            counts[movieId] = counts.GetValueOrDefault(movieId) + 1;
        }

        return new ItemPopularity(counts, train.Count);
    }
}

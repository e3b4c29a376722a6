using MovieRec.Models;

namespace MovieRec.Evaluation;

/// <summary>
/// Bootstrap intervals (over users) for the beyond-accuracy metrics that are averages: novelty and intra-list
/// diversity. Their estimates equal <see cref="BeyondAccuracyMetrics"/>' values on the same lists, so a leaderboard
/// can show them with an interval like the ranking metrics.
/// </summary>
/// <remarks>
/// Catalogue coverage and entropy get no interval on purpose: they are properties of the <em>set</em> of lists,
/// not means over users. A resample with replacement holds only about 63% distinct users, so it reaches fewer
/// distinct movies, and the percentile interval would lie below the full-sample value instead of around it.
/// </remarks>
public static class BeyondAccuracyIntervals
{
    /// <summary>
    /// Novelty (mean self-information in bits of every recommended catalogue entry) with a bootstrap interval in which
    /// each row (user) keeps all its entries: numerator = the row's summed self-information, denominator = its
    /// catalogue entries (<see cref="Bootstrap.Ratio"/>). Rows are cut at <paramref name="k"/>; entries outside the
    /// training catalogue are left out, as in <see cref="BeyondAccuracyMetrics.Novelty"/>.
    /// </summary>
    /// <returns>The interval, or null when no row holds a catalogue movie.</returns>
    public static ConfidenceInterval? Novelty(
        Recommendations recommendations, int k, ItemPopularity popularity, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        ArgumentNullException.ThrowIfNull(popularity);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var sums = new double[recommendations.Count];
        var counts = new double[recommendations.Count];
        for (var r = 0; r < recommendations.Count; r++)
        {
            var row = recommendations.MovieIdsAt(r);
            foreach (var movieId in row[..Math.Min(k, row.Length)])
            {
                var count = popularity.CountOf(movieId);
                if (count > 0)
                {
                    sums[r] += -Math.Log2((double)count / popularity.TotalInteractions);
                    counts[r]++;
                }
            }
        }

        return counts.Sum() > 0 ? Bootstrap.Ratio(sums, counts, null, options) : null;
    }

    /// <summary>
    /// Intra-list diversity (mean over rows with at least two items of the mean pairwise genre distance 1 − Jaccard)
    /// with a bootstrap interval over those rows.
    /// </summary>
    /// <returns>The interval, or null when no row has two items.</returns>
    /// <exception cref="ArgumentException">A recommended movie is missing from <paramref name="genres"/>.</exception>
    public static ConfidenceInterval? Diversity(
        Recommendations recommendations, int k, GenreIndex genres, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        ArgumentNullException.ThrowIfNull(genres);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var perRow = new List<double>(recommendations.Count);
        var masks = new ulong[k];
        for (var r = 0; r < recommendations.Count; r++)
        {
            var diversity = BeyondAccuracyMetrics.RowDiversity(recommendations, r, k, genres, masks);
            if (!double.IsNaN(diversity))
            {
                perRow.Add(diversity);
            }
        }

        return perRow.Count > 0 ? Bootstrap.Mean(perRow.ToArray(), options) : null;
    }
}

using System.Collections.Concurrent;
using MovieRec.Models;

namespace MovieRec.Evaluation;

/// <summary>
/// Metrics of what is recommended rather than whether it was relevant: catalogue coverage, distributional
/// coverage (entropy), novelty (self-information) and intra-list diversity by genre. Every row is cut at K.
/// Definitions follow microsoft/recommenders' python_evaluation where it has one (docs/metrics.md).
/// </summary>
public static class BeyondAccuracyMetrics
{
    /// <summary>All beyond-accuracy metrics; intra-list diversity only when <paramref name="genres"/> is given.</summary>
    /// <exception cref="ArgumentException">A recommended movie is missing from <paramref name="genres"/>.</exception>
    public static BeyondAccuracyResult Compute(
        Recommendations recommendations, int k, ItemPopularity popularity, GenreIndex? genres = null)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        ArgumentNullException.ThrowIfNull(popularity);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);

        // One sequential pass: how often each movie is recommended (1.6M entries take ~20 ms).
        var timesRecommended = new Dictionary<int, int>();
        long entries = 0, entriesInCatalogue = 0;
        double selfInformation = 0;
        for (var r = 0; r < recommendations.Count; r++)
        {
            var row = recommendations.MovieIdsAt(r);
            row = row[..Math.Min(k, row.Length)];
            foreach (var movieId in row)
            {
                timesRecommended[movieId] = timesRecommended.GetValueOrDefault(movieId) + 1;
                var count = popularity.CountOf(movieId);
                if (count > 0)
                {
                    selfInformation += -Math.Log2((double)count / popularity.TotalInteractions);
                    entriesInCatalogue++;
                }
            }

            entries += row.Length;
        }

        var distinctInCatalogue = 0;
        double entropy = 0;
        foreach (var (movieId, times) in timesRecommended)
        {
            distinctInCatalogue += popularity.Contains(movieId) ? 1 : 0;
            var share = (double)times / entries;
            entropy -= share * Math.Log2(share);
        }

        return new BeyondAccuracyResult(
            K: k,
            Rows: recommendations.Count,
            RecommendationCount: entries,
            DistinctItems: timesRecommended.Count,
            DistinctItemsOutsideCatalogue: timesRecommended.Count - distinctInCatalogue,
            CatalogueCoverage: (double)distinctInCatalogue / popularity.CatalogueSize,
            DistributionalCoverage: entropy,
            Novelty: entriesInCatalogue == 0 ? double.NaN : selfInformation / entriesInCatalogue,
            IntraListDiversity: genres is null ? null : IntraListDiversity(recommendations, k, genres));
    }

    /// <summary>Distinct recommended movies of the training catalogue / catalogue size.</summary>
    public static double CatalogueCoverage(Recommendations recommendations, int k, ItemPopularity popularity) =>
        Compute(recommendations, k, popularity).CatalogueCoverage;

    /// <summary>Shannon entropy (bits) of how often each movie is recommended: −Σ p(i) log2 p(i).</summary>
    public static double DistributionalCoverage(Recommendations recommendations, int k, ItemPopularity popularity) =>
        Compute(recommendations, k, popularity).DistributionalCoverage;

    /// <summary>Mean self-information −log2(count(i) / total) over all recommended entries in the catalogue.</summary>
    public static double Novelty(Recommendations recommendations, int k, ItemPopularity popularity) =>
        Compute(recommendations, k, popularity).Novelty;

    /// <summary>
    /// Mean over rows with at least two items of the mean over pairs of (1 − Jaccard(genres)); NaN when no
    /// row has two items. Parallel over rows, no per-row allocation.
    /// </summary>
    /// <exception cref="ArgumentException">A recommended movie is missing from <paramref name="genres"/>.</exception>
    public static double IntraListDiversity(Recommendations recommendations, int k, GenreIndex genres)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        ArgumentNullException.ThrowIfNull(genres);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var perRow = new double[recommendations.Count];
        var counted = new bool[recommendations.Count];
        var chunk = Math.Max(256, recommendations.Count / (8 * Environment.ProcessorCount) + 1);
        try
        {
            Parallel.ForEach(Partitioner.Create(0, recommendations.Count, chunk), range =>
            {
                var masks = new ulong[k];
                for (var r = range.Item1; r < range.Item2; r++)
                {
                    perRow[r] = RowDiversity(recommendations, r, k, genres, masks);
                    counted[r] = !double.IsNaN(perRow[r]);
                }
            });
        }
        catch (AggregateException e) when (e.InnerException is ArgumentException inner)
        {
            throw inner;
        }

        double sum = 0;
        var rows = 0;
        for (var r = 0; r < perRow.Length; r++)
        {
            if (counted[r])
            {
                sum += perRow[r];
                rows++;
            }
        }

        return rows == 0 ? double.NaN : sum / rows;
    }

    /// <summary>
    /// Row <paramref name="r"/>'s mean pairwise genre distance (1 − Jaccard) over its first <paramref name="k"/>
    /// movies; NaN when it has fewer than two. <paramref name="masks"/> is scratch space of at least k entries.
    /// </summary>
    /// <exception cref="ArgumentException">A movie of the row is missing from <paramref name="genres"/>.</exception>
    internal static double RowDiversity(Recommendations recommendations, int r, int k, GenreIndex genres, ulong[] masks)
    {
        var row = recommendations.MovieIdsAt(r);
        var n = Math.Min(k, row.Length);
        if (n < 2)
        {
            return double.NaN;
        }

        for (var i = 0; i < n; i++)
        {
            if (!genres.TryGetGenres(row[i], out masks[i]))
            {
                throw new ArgumentException($"Recommended movie {row[i]} (row {r}) has no entry in the genre index.", nameof(genres));
            }
        }

        double distance = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                distance += 1.0 - GenreIndex.Jaccard(masks[i], masks[j]);
            }
        }

        return distance / (n * (n - 1) / 2);
    }
}

/// <summary>Beyond-accuracy metrics of one batch of recommendations at one K (docs/metrics.md).</summary>
/// <param name="K">The cut-off applied to every row.</param>
/// <param name="Rows">Recommendation rows (users).</param>
/// <param name="RecommendationCount">Recommended entries after cutting each row at K.</param>
/// <param name="DistinctItems">Distinct movies recommended.</param>
/// <param name="DistinctItemsOutsideCatalogue">Distinct recommended movies with no training rating; they are
/// left out of coverage's numerator and of novelty (their self-information is infinite), never silently.</param>
/// <param name="CatalogueCoverage">Distinct recommended catalogue movies / catalogue size, 0..1.</param>
/// <param name="DistributionalCoverage">Entropy in bits of the recommendation counts, 0..log2(distinct items).</param>
/// <param name="Novelty">Mean self-information in bits of recommended catalogue entries; NaN when none.</param>
/// <param name="IntraListDiversity">Mean pairwise genre distance within lists, 0..1; null without a genre index.</param>
public sealed record BeyondAccuracyResult(
    int K,
    int Rows,
    long RecommendationCount,
    int DistinctItems,
    int DistinctItemsOutsideCatalogue,
    double CatalogueCoverage,
    double DistributionalCoverage,
    double Novelty,
    double? IntraListDiversity);

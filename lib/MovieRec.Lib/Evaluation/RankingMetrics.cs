using System.Collections.Concurrent;
using MovieRec.Models;

namespace MovieRec.Evaluation;

/// <summary>
/// Top-K ranking metrics, computed per user and averaged over the users that have at least one relevant
/// item, following microsoft/recommenders' python_evaluation (formulas and conventions in docs/metrics.md):
/// Precision@K = hits / K, Recall@K = hits / |R|, NDCG@K (binary and graded, gain = grade,
/// discount 1/log2(rank + 1)), MAP@K = Σ precision at each hit / min(K, |R|), HitRate@K, MRR@K.
/// </summary>
/// <remarks>
/// Users are processed in parallel partitions; each partition reuses one scratch buffer, so the only
/// allocations are the per-user result arrays. A recommendation list longer than K is cut at K.
/// </remarks>
public static class RankingMetrics
{
    /// <summary>Mean metrics over users with at least one relevant item.</summary>
    public static RankingMetricsResult Compute(Recommendations recommendations, GroundTruth truth, int k) =>
        ComputePerUser(recommendations, truth, k).Mean();

    /// <summary>
    /// Metrics of each evaluated user (users of <paramref name="truth"/> with at least one relevant item),
    /// for confidence intervals and paired comparisons.
    /// </summary>
    /// <exception cref="ArgumentException">A user with relevant items has no recommendation row, a user has
    /// two recommendation rows, or a relevant movie appears twice in one user's top K.</exception>
    public static RankingMetricsPerUser ComputePerUser(Recommendations recommendations, GroundTruth truth, int k)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);

        var (truthRows, recommendationRows, withoutRelevant) = Match(recommendations, truth);
        var n = truthRows.Length;
        var result = new RankingMetricsPerUser(k, new int[n], withoutRelevant);
        var discount = new double[k];
        var idealBinary = new double[k + 1];
        for (var i = 0; i < k; i++)
        {
            discount[i] = 1.0 / Math.Log2(i + 2);
            idealBinary[i + 1] = idealBinary[i] + discount[i];
        }

        var chunk = Math.Max(256, n / (8 * Environment.ProcessorCount) + 1);
        try
        {
            Parallel.ForEach(Partitioner.Create(0, n, chunk), range =>
            {
                var marks = new int[truth.LongestRow];
                var gradeScratch = new float[truth.LongestRow];
                for (var u = range.Item1; u < range.Item2; u++)
                {
                    var t = truthRows[u];
                    ScoreUser(
                        u, t, truth, recommendations.MovieIdsAt(recommendationRows[u]), k,
                        discount, idealBinary, marks, gradeScratch, result);
                }
            });
        }
        catch (AggregateException e) when (e.InnerException is ArgumentException inner)
        {
            throw inner;
        }

        return result;
    }

    private static void ScoreUser(
        int u, int t, GroundTruth truth, ReadOnlySpan<int> recommended, int k,
        double[] discount, double[] idealBinary, int[] marks, float[] gradeScratch, RankingMetricsPerUser result)
    {
        var relevant = truth.MovieIdsAt(t);
        var grades = truth.GradesAt(t);
        var graded = !grades.IsEmpty;
        var depth = Math.Min(k, recommended.Length);
        var stamp = t + 1;
        int hits = 0, firstHit = 0;
        double dcg = 0, dcgGraded = 0, precisionSum = 0;
        for (var i = 0; i < depth; i++)
        {
            var j = relevant.BinarySearch(recommended[i]);
            if (j < 0)
            {
                continue;
            }

            if (marks[j] == stamp)
            {
                throw new ArgumentException(
                    $"User {truth.UserIds[t]}: movie {recommended[i]} appears twice in the top {k}.", "recommendations");
            }

            marks[j] = stamp;
            hits++;
            firstHit = firstHit == 0 ? i + 1 : firstHit;
            dcg += discount[i];
            dcgGraded += (graded ? grades[j] : 1.0) * discount[i];
            precisionSum += (double)hits / (i + 1);
        }

        var relevantCount = relevant.Length;
        var cutoff = Math.Min(k, relevantCount);
        result.UserIds[u] = truth.UserIds[t];
        result.Hits[u] = hits;
        result.Precision[u] = (double)hits / k;
        result.Recall[u] = (double)hits / relevantCount;
        result.Ndcg[u] = dcg / idealBinary[cutoff];
        result.NdcgGraded[u] = graded ? dcgGraded / IdealGraded(grades, cutoff, discount, gradeScratch) : result.Ndcg[u];
        result.AveragePrecision[u] = precisionSum / cutoff;
        result.HitRate[u] = hits > 0 ? 1.0 : 0.0;
        result.ReciprocalRank[u] = firstHit > 0 ? 1.0 / firstHit : 0.0;
    }

    /// <summary>Ideal DCG: the largest <paramref name="cutoff"/> grades in descending order.</summary>
    private static double IdealGraded(ReadOnlySpan<float> grades, int cutoff, double[] discount, float[] scratch)
    {
        var sorted = scratch.AsSpan(0, grades.Length);
        grades.CopyTo(sorted);
        sorted.Sort();
        double ideal = 0;
        for (var i = 0; i < cutoff; i++)
        {
            ideal += sorted[sorted.Length - 1 - i] * discount[i];
        }

        return ideal;
    }

    /// <summary>
    /// Pairs each ground-truth row that has relevant items with its recommendation row. Recommendation rows
    /// whose user has no relevant items are only counted (they are excluded, as in recommenders).
    /// </summary>
    private static (int[] TruthRows, int[] RecommendationRows, int WithoutRelevant) Match(Recommendations recommendations, GroundTruth truth)
    {
        var rowByUser = new Dictionary<int, int>(recommendations.Count);
        for (var r = 0; r < recommendations.Count; r++)
        {
            if (!rowByUser.TryAdd(recommendations.QueryIds[r], r))
            {
                throw new ArgumentException(
                    $"User {recommendations.QueryIds[r]} has more than one recommendation row.", nameof(recommendations));
            }
        }

        var truthRows = new List<int>(truth.Count);
        var recommendationRows = new List<int>(truth.Count);
        for (var t = 0; t < truth.Count; t++)
        {
            if (truth.Offsets[t + 1] == truth.Offsets[t])
            {
                continue;
            }

            if (!rowByUser.TryGetValue(truth.UserIds[t], out var r))
            {
                throw new ArgumentException(
                    $"User {truth.UserIds[t]} has relevant items but no recommendation row; recommend for every evaluated user " +
                    "(an empty row counts as no hits).", nameof(recommendations));
            }

            truthRows.Add(t);
            recommendationRows.Add(r);
        }

        return (truthRows.ToArray(), recommendationRows.ToArray(), recommendations.Count - truthRows.Count);
    }
}

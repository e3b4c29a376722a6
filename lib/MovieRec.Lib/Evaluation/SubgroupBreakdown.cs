using MovieRec.Models;

namespace MovieRec.Evaluation;

/// <summary>Ranking metrics of the users in one activity bucket.</summary>
/// <param name="Group">"light", "medium", "heavy" (three buckets) or "group 1", "group 2", … otherwise.</param>
/// <param name="MinimumTrainRatings">Lower bound (inclusive) of the bucket's training rating counts.</param>
/// <param name="MaximumTrainRatings">Upper bound (inclusive); <see cref="int.MaxValue"/> for the last bucket.</param>
/// <param name="Metrics">Means over the bucket's users (<c>UsersEvaluated</c> is the bucket size; all 0 when empty).</param>
/// <param name="Ndcg">NDCG@K with a bootstrap interval over the bucket's users; null when the bucket is empty.</param>
public sealed record ActivityGroupResult(
    string Group, int MinimumTrainRatings, int MaximumTrainRatings, RankingMetricsResult Metrics, ConfidenceInterval? Ndcg);

/// <summary>How much of what a model recommends, and gets right, is popular (head) rather than long-tail.</summary>
/// <param name="HeadShare">Share of the catalogue counted as head (most-rated first).</param>
/// <param name="HeadItems">Catalogue movies in the head.</param>
/// <param name="TailItems">Catalogue movies in the tail.</param>
/// <param name="Recommended">Recommended entries (every row cut at K).</param>
/// <param name="HeadRecommendationShare">Share of recommended entries that are head movies.</param>
/// <param name="Hits">Recommended entries that were relevant.</param>
/// <param name="HeadHitShare">Share of hits that are head movies (NaN without hits).</param>
/// <param name="HeadRelevantShare">Share of relevant held-out movies that are head movies (what an unbiased model would hit).</param>
/// <param name="HeadRecall">Hits on head movies / relevant head movies (pooled over users; NaN when none).</param>
/// <param name="TailRecall">Hits on tail movies / relevant tail movies (pooled; movies without training ratings count as tail).</param>
public sealed record PopularityBreakdown(
    double HeadShare,
    int HeadItems,
    int TailItems,
    long Recommended,
    double HeadRecommendationShare,
    long Hits,
    double HeadHitShare,
    double HeadRelevantShare,
    double HeadRecall,
    double TailRecall);

/// <summary>
/// Breakdowns of one evaluation for the "who does the model serve" questions: metrics by user activity
/// (training rating count buckets) and head-versus-long-tail shares of recommendations and hits.
/// </summary>
public static class SubgroupBreakdown
{
    /// <summary>
    /// Metrics by user activity. With <paramref name="thresholds"/> null the buckets are terciles of the
    /// evaluated users' training rating counts (light / medium / heavy); otherwise thresholds t₁ &lt; t₂ &lt; …
    /// make buckets [0, t₁ − 1], [t₁, t₂ − 1], …, [tₙ, ∞) (0 training ratings: a user the training data does not know).
    /// </summary>
    /// <exception cref="ArgumentException">Thresholds not strictly increasing or below 1.</exception>
    public static IReadOnlyList<ActivityGroupResult> ByUserActivity(
        EvaluationResult result, TrainingData train, IReadOnlyList<int>? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(train);
        var perUser = result.PerUser;
        var counts = new int[perUser.Count];
        for (var u = 0; u < counts.Length; u++)
        {
            counts[u] = train.UserVocabulary.TryGetIndex(perUser.UserIds[u], out var index)
                ? train.SeenItems.Offsets[index + 1] - train.SeenItems.Offsets[index]
                : 0;
        }

        var cuts = thresholds?.ToArray() ?? TercileCuts(counts);
        for (var i = 0; i < cuts.Length; i++)
        {
            if (cuts[i] < 1 || (i > 0 && cuts[i] <= cuts[i - 1]))
            {
                throw new ArgumentException("Thresholds must be at least 1 and strictly increasing.", nameof(thresholds));
            }
        }

        var names = cuts.Length == 2 ? new[] { "light", "medium", "heavy" } : Enumerable.Range(1, cuts.Length + 1).Select(g => $"group {g}").ToArray();
        var groups = new List<ActivityGroupResult>();
        for (var g = 0; g <= cuts.Length; g++)
        {
            var low = g == 0 ? 0 : cuts[g - 1];
            var high = g == cuts.Length ? int.MaxValue : cuts[g] - 1;
            var members = Enumerable.Range(0, counts.Length).Where(u => counts[u] >= low && counts[u] <= high).ToArray();
            var means = Subset(perUser, members);
            var ndcg = members.Length == 0 ? null : Bootstrap.Mean(members.Select(u => perUser.Ndcg[u]).ToArray(), result.Options.Bootstrap);
            groups.Add(new ActivityGroupResult(names[g], low, high, means, ndcg));
        }

        return groups;
    }

    /// <summary>
    /// Head versus long tail: the <paramref name="headShare"/> most-rated catalogue movies (ties by lower
    /// id) are the head; reports the head's share of recommendations, of hits and of relevant movies, and
    /// pooled recall on head and tail movies. Lists are cut at the result's K.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="headShare"/> not strictly between 0 and 1.</exception>
    public static PopularityBreakdown ByItemPopularity(EvaluationResult result, TrainingData train, double headShare = 0.2)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(train);
        if (!(headShare > 0 && headShare < 1))
        {
            throw new ArgumentException($"headShare must be strictly between 0 and 1, not {headShare}.", nameof(headShare));
        }

        var countByMovie = new Dictionary<int, int>();
        foreach (var movieId in train.Ratings.MovieIds)
        {
            countByMovie[movieId] = countByMovie.GetValueOrDefault(movieId) + 1;
        }

        var headCount = (int)Math.Ceiling(headShare * countByMovie.Count);
        var head = countByMovie.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(headCount).Select(p => p.Key).ToHashSet();

        var truth = result.Truth;
        var truthRow = new Dictionary<int, int>(truth.Count);
        for (var t = 0; t < truth.Count; t++)
        {
            truthRow[truth.UserIds[t]] = t;
        }

        long recommended = 0, recommendedHead = 0, hits = 0, hitsHead = 0, relevant = 0, relevantHead = 0;
        for (var t = 0; t < truth.Count; t++)
        {
            foreach (var movieId in truth.MovieIdsAt(t))
            {
                relevant++;
                relevantHead += head.Contains(movieId) ? 1 : 0;
            }
        }

        var recommendations = result.Recommendations;
        for (var r = 0; r < recommendations.Count; r++)
        {
            var row = recommendations.MovieIdsAt(r);
            row = row[..Math.Min(result.K, row.Length)];
            var relevantRow = truthRow.TryGetValue(recommendations.QueryIds[r], out var t) ? truth.MovieIdsAt(t) : ReadOnlySpan<int>.Empty;
            foreach (var movieId in row)
            {
                var isHead = head.Contains(movieId);
                recommended++;
                recommendedHead += isHead ? 1 : 0;
                if (relevantRow.BinarySearch(movieId) >= 0)
                {
                    hits++;
                    hitsHead += isHead ? 1 : 0;
                }
            }
        }

        return new PopularityBreakdown(
            headShare,
            head.Count,
            countByMovie.Count - head.Count,
            recommended,
            Share(recommendedHead, recommended),
            hits,
            Share(hitsHead, hits),
            Share(relevantHead, relevant),
            Share(hitsHead, relevantHead),
            Share(hits - hitsHead, relevant - relevantHead));
    }

    /// <summary>Cut points giving three buckets of about equal size (ties keep equal counts together).</summary>
    private static int[] TercileCuts(int[] counts)
    {
        if (counts.Length == 0)
        {
            return [1, 2];
        }

        var sorted = counts.Order().ToArray();
        var first = Math.Max(1, sorted[sorted.Length / 3]);
        var second = Math.Max(first + 1, sorted[2 * sorted.Length / 3]);
        return [first, second];
    }

    private static RankingMetricsResult Subset(RankingMetricsPerUser perUser, int[] members)
    {
        double Mean(double[] values) => members.Length == 0 ? 0.0 : members.Average(u => values[u]);
        return new RankingMetricsResult(
            perUser.K, members.Length, 0,
            Mean(perUser.Precision), Mean(perUser.Recall), Mean(perUser.Ndcg), Mean(perUser.NdcgGraded),
            Mean(perUser.AveragePrecision), Mean(perUser.HitRate), Mean(perUser.ReciprocalRank));
    }

    private static double Share(long part, long whole) => whole == 0 ? double.NaN : (double)part / whole;
}

namespace MovieRec.Evaluation;

/// <summary>Mean ranking metrics at one K (see docs/metrics.md for every formula).</summary>
/// <param name="K">The cut-off.</param>
/// <param name="UsersEvaluated">Users with at least one relevant item (the averaging denominator).</param>
/// <param name="UsersWithoutRelevantItems">Recommendation rows whose user had no relevant item (excluded).</param>
/// <param name="Precision">Mean of hits / K.</param>
/// <param name="Recall">Mean of hits / |relevant|.</param>
/// <param name="Ndcg">Mean NDCG@K with binary relevance.</param>
/// <param name="NdcgGraded">Mean NDCG@K with the grades as gains (equals <paramref name="Ndcg"/> without grades).</param>
/// <param name="MeanAveragePrecision">Mean of Σ precision at each hit / min(K, |relevant|) (recommenders' map_at_k).</param>
/// <param name="HitRate">Share of users with at least one hit in the top K.</param>
/// <param name="MeanReciprocalRank">Mean of 1 / rank of the first hit (0 without a hit).</param>
public sealed record RankingMetricsResult(
    int K,
    int UsersEvaluated,
    int UsersWithoutRelevantItems,
    double Precision,
    double Recall,
    double Ndcg,
    double NdcgGraded,
    double MeanAveragePrecision,
    double HitRate,
    double MeanReciprocalRank);

/// <summary>
/// Ranking metrics of each evaluated user (index u is user <see cref="UserIds"/>[u]), in ground-truth row
/// order; the input to bootstrap confidence intervals and paired comparisons.
/// </summary>
public sealed class RankingMetricsPerUser
{
    internal RankingMetricsPerUser(int k, int[] userIds, int usersWithoutRelevantItems)
    {
        K = k;
        UserIds = userIds;
        UsersWithoutRelevantItems = usersWithoutRelevantItems;
        var n = userIds.Length;
        Hits = new int[n];
        Precision = new double[n];
        Recall = new double[n];
        Ndcg = new double[n];
        NdcgGraded = new double[n];
        AveragePrecision = new double[n];
        HitRate = new double[n];
        ReciprocalRank = new double[n];
    }

    public int K { get; }

    public int[] UserIds { get; }

    /// <summary>Recommendation rows whose user had no relevant item (excluded from every average).</summary>
    public int UsersWithoutRelevantItems { get; }

    /// <summary>Relevant items in each user's top K.</summary>
    public int[] Hits { get; }

    public double[] Precision { get; }

    public double[] Recall { get; }

    public double[] Ndcg { get; }

    public double[] NdcgGraded { get; }

    /// <summary>AP@K per user; its mean is MAP@K.</summary>
    public double[] AveragePrecision { get; }

    /// <summary>1 when the user has a hit in the top K, else 0.</summary>
    public double[] HitRate { get; }

    /// <summary>1 / rank of the first hit, 0 without a hit.</summary>
    public double[] ReciprocalRank { get; }

    /// <summary>Number of evaluated users.</summary>
    public int Count => UserIds.Length;

    /// <summary>Means over the evaluated users (0 for every metric when no user was evaluated).</summary>
    public RankingMetricsResult Mean() => new(
        K,
        Count,
        UsersWithoutRelevantItems,
        Average(Precision),
        Average(Recall),
        Average(Ndcg),
        Average(NdcgGraded),
        Average(AveragePrecision),
        Average(HitRate),
        Average(ReciprocalRank));

    private static double Average(double[] values)
    {
        if (values.Length == 0)
        {
            return 0.0;
        }

        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }
}

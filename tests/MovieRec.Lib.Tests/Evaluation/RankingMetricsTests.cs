using MovieRec.Evaluation;
using MovieRec.Models;

namespace MovieRec.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    private const double Tolerance = 1e-9;

    private static RankingMetricsResult One(int[] recommended, int[] relevant, int k, float[]? grades = null) =>
        RankingMetrics.Compute(
            Recommendations.FromRows([1], [recommended]),
            GroundTruth.FromRows([1], [relevant], grades is null ? null : [grades]),
            k);

    [Fact]
    public void WikipediaWorkedExampleGivesPublishedDcgIdcgAndNdcg()
    {
        // en.wikipedia.org "Discounted cumulative gain", worked example: documents D1..D6 retrieved with
        // relevances 3,2,3,0,1,2; two more relevant documents D7 (3) and D8 (2) were not retrieved.
        // DCG6 = Σ relᵢ / log2(i + 1) ≈ 6.861; ideal order 3,3,3,2,2,2 gives IDCG6 ≈ 8.740; nDCG6 ≈ 0.785.
        // D4 (relevance 0) is simply not relevant, so it is not in the ground truth.
        var result = One([1, 2, 3, 4, 5, 6], [1, 2, 3, 5, 6, 7, 8], k: 6, grades: [3, 2, 3, 1, 2, 3, 2]);

        var dcg = 3 + (2 / Math.Log2(3)) + (3 / Math.Log2(4)) + (1 / Math.Log2(6)) + (2 / Math.Log2(7));
        var idcg = 3 + (3 / Math.Log2(3)) + (3 / Math.Log2(4)) + (2 / Math.Log2(5)) + (2 / Math.Log2(6)) + (2 / Math.Log2(7));
        Assert.Equal(6.861, dcg, 3);
        Assert.Equal(8.740, idcg, 3);
        Assert.Equal(dcg / idcg, result.NdcgGraded, Tolerance);
        Assert.Equal(0.785, result.NdcgGraded, 3);
    }

    [Fact]
    public void WikipediaExampleWithOnlyRetrievedDocumentsUsesIdealOrderOfThoseSix()
    {
        // The article's earlier version judged only D1..D6: ideal order 3,3,2,2,1,0 gives IDCG6 ≈ 7.141 and
        // nDCG6 ≈ 0.961.
        var result = One([1, 2, 3, 4, 5, 6], [1, 2, 3, 5, 6], k: 6, grades: [3, 2, 3, 1, 2]);

        var idcg = 3 + (3 / Math.Log2(3)) + (2 / Math.Log2(4)) + (2 / Math.Log2(5)) + (1 / Math.Log2(6));
        Assert.Equal(7.141, idcg, 3);
        Assert.Equal(0.961, result.NdcgGraded, 3);
    }

    [Fact]
    public void HandComputedBinaryExampleGivesEveryMetric()
    {
        // Top 5: 10, 20, 30, 40, 50; relevant {20, 40, 60}: hits at ranks 2 and 4.
        var result = One([10, 20, 30, 40, 50], [20, 40, 60], k: 5);

        Assert.Equal(1, result.UsersEvaluated);
        Assert.Equal(2.0 / 5, result.Precision, Tolerance);
        Assert.Equal(2.0 / 3, result.Recall, Tolerance);
        var dcg = (1 / Math.Log2(3)) + (1 / Math.Log2(5));
        var idcg = 1 + (1 / Math.Log2(3)) + (1 / Math.Log2(4));
        Assert.Equal(dcg / idcg, result.Ndcg, Tolerance);
        Assert.Equal(0.498189, result.Ndcg, 6);
        Assert.Equal(result.Ndcg, result.NdcgGraded, Tolerance);
        Assert.Equal(((1.0 / 2) + (2.0 / 4)) / 3, result.MeanAveragePrecision, Tolerance);
        Assert.Equal(1.0, result.HitRate, Tolerance);
        Assert.Equal(0.5, result.MeanReciprocalRank, Tolerance);
    }

    [Fact]
    public void MapDividesByMinOfKAndRelevantCountLikeRecommendersMapAtK()
    {
        // Six relevant items, K = 5, hits at ranks 1, 3, 5: (1/1 + 2/3 + 3/5) / min(5, 6) = 0.45333…
        // (recommenders' map() without K would divide by 6 instead and give 0.3778.)
        var result = One([1, 2, 3, 4, 5], [1, 3, 5, 7, 9, 11], k: 5);

        Assert.Equal((1.0 + (2.0 / 3) + (3.0 / 5)) / 5, result.MeanAveragePrecision, Tolerance);
        Assert.Equal(0.453333, result.MeanAveragePrecision, 6);
    }

    [Fact]
    public void TruthAgainstItselfScoresOne()
    {
        int[] relevant = [5, 9, 2, 7];
        float[] grades = [5, 4, 3, 1];
        var result = One(relevant, relevant, k: 4, grades: grades);

        Assert.Equal(1.0, result.Precision, Tolerance);
        Assert.Equal(1.0, result.Recall, Tolerance);
        Assert.Equal(1.0, result.Ndcg, Tolerance);
        Assert.Equal(1.0, result.NdcgGraded, Tolerance);
        Assert.Equal(1.0, result.MeanAveragePrecision, Tolerance);
        Assert.Equal(1.0, result.HitRate, Tolerance);
        Assert.Equal(1.0, result.MeanReciprocalRank, Tolerance);
    }

    [Fact]
    public void NoHitsScoresZero()
    {
        var result = One([1, 2, 3], [4, 5], k: 3, grades: [2, 1]);

        Assert.Equal(1, result.UsersEvaluated);
        Assert.Equal(0.0, result.Precision);
        Assert.Equal(0.0, result.Recall);
        Assert.Equal(0.0, result.Ndcg);
        Assert.Equal(0.0, result.NdcgGraded);
        Assert.Equal(0.0, result.MeanAveragePrecision);
        Assert.Equal(0.0, result.HitRate);
        Assert.Equal(0.0, result.MeanReciprocalRank);
    }

    [Fact]
    public void KLargerThanListKeepsPrecisionDenominatorK()
    {
        // One item recommended, K = 10, relevant {20, 30}: precision 1/10 (Spark/recommenders convention),
        // NDCG = 1 / (1 + 1/log2 3), AP = 1 / min(10, 2).
        var result = One([20], [20, 30], k: 10);

        Assert.Equal(0.1, result.Precision, Tolerance);
        Assert.Equal(0.5, result.Recall, Tolerance);
        Assert.Equal(1 / (1 + (1 / Math.Log2(3))), result.Ndcg, Tolerance);
        Assert.Equal(0.5, result.MeanAveragePrecision, Tolerance);
        Assert.Equal(1.0, result.MeanReciprocalRank, Tolerance);
    }

    [Fact]
    public void ListLongerThanKIsCutAtK()
    {
        var result = One([1, 2, 3], [3], k: 2);

        Assert.Equal(0.0, result.HitRate);
        Assert.Equal(0.0, result.Recall);
    }

    [Fact]
    public void AveragesOverUsersWithRelevantItemsOnly()
    {
        // User 1: the hand-computed example (P = 0.4). User 2: relevant {1}, top [1, 2] (P = 1/5, R = 1).
        // User 3 has recommendations but no relevant item; user 4 has an empty ground-truth row: both excluded.
        var recommendations = Recommendations.FromRows(
            [1, 2, 3, 4], [[10, 20, 30, 40, 50], [1, 2], [7, 8], [9]]);
        var truth = GroundTruth.FromRows([2, 1, 4], [[1], [20, 40, 60], []]);

        var perUser = RankingMetrics.ComputePerUser(recommendations, truth, k: 5);
        var result = perUser.Mean();

        Assert.Equal(2, result.UsersEvaluated);
        Assert.Equal(2, result.UsersWithoutRelevantItems);
        Assert.Equal([2, 1], perUser.UserIds);
        Assert.Equal([1, 2], perUser.Hits);
        Assert.Equal((0.2 + 0.4) / 2, result.Precision, Tolerance);
        Assert.Equal((1.0 + (2.0 / 3)) / 2, result.Recall, Tolerance);
        Assert.Equal((1.0 + (1.0 / 3)) / 2, result.MeanAveragePrecision, Tolerance);
        Assert.Equal((1.0 + 0.5) / 2, result.MeanReciprocalRank, Tolerance);
    }

    [Fact]
    public void EmptyRecommendationRowCountsAsNoHits()
    {
        var recommendations = Recommendations.FromRows([1, 2], [[], [5]]);
        var truth = GroundTruth.FromRows([1, 2], [[5], [5]]);

        var result = RankingMetrics.Compute(recommendations, truth, k: 1);

        Assert.Equal(2, result.UsersEvaluated);
        Assert.Equal(0.5, result.HitRate, Tolerance);
    }

    [Fact]
    public void UserWithRelevantItemsButNoRowIsAnError()
    {
        var recommendations = Recommendations.FromRows([1], [[5]]);
        var truth = GroundTruth.FromRows([1, 2], [[5], [6]]);

        var error = Assert.Throws<ArgumentException>(() => RankingMetrics.Compute(recommendations, truth, k: 1));
        Assert.Equal("recommendations", error.ParamName);
        Assert.Contains("User 2", error.Message);
    }

    [Fact]
    public void DuplicateRelevantItemInTopKIsAnError()
    {
        var recommendations = Recommendations.FromRows([1], [[5, 5]]);
        var truth = GroundTruth.FromRows([1], [[5]]);

        var error = Assert.Throws<ArgumentException>(() => RankingMetrics.Compute(recommendations, truth, k: 2));
        Assert.Contains("twice", error.Message);
    }

    [Fact]
    public void DuplicateRecommendationRowsAreAnError()
    {
        var recommendations = Recommendations.FromRows([1, 1], [[5], [6]]);
        var truth = GroundTruth.FromRows([1], [[5]]);

        Assert.Throws<ArgumentException>(() => RankingMetrics.Compute(recommendations, truth, k: 1));
    }

    [Fact]
    public void KMustBePositive()
    {
        var recommendations = Recommendations.FromRows([1], [[5]]);
        var truth = GroundTruth.FromRows([1], [[5]]);

        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.Compute(recommendations, truth, k: 0));
    }

    [Fact]
    public void ParallelResultEqualsStraightforwardReferenceOnRandomData()
    {
        // Enough users for several partitions; the reference is the textbook formula, user by user.
        var random = new Random(42);
        const int users = 5_000, k = 10;
        var userIds = Enumerable.Range(1, users).ToArray();
        var recommended = new int[users][];
        var relevant = new int[users][];
        var grades = new float[users][];
        for (var u = 0; u < users; u++)
        {
            recommended[u] = Enumerable.Range(0, 200).OrderBy(_ => random.Next()).Take(random.Next(0, 15)).ToArray();
            relevant[u] = Enumerable.Range(0, 200).OrderBy(_ => random.Next()).Take(random.Next(1, 30)).ToArray();
            grades[u] = relevant[u].Select(_ => (float)random.Next(1, 11) / 2).ToArray();
        }

        var result = RankingMetrics.Compute(
            Recommendations.FromRows(userIds, recommended), GroundTruth.FromRows(userIds, relevant, grades), k);

        double precision = 0, recall = 0, ndcg = 0, graded = 0, map = 0, hit = 0, mrr = 0;
        for (var u = 0; u < users; u++)
        {
            var gradeOf = relevant[u].Zip(grades[u]).ToDictionary(p => p.First, p => (double)p.Second);
            var top = recommended[u].Take(k).ToArray();
            double hits = 0, dcg = 0, dcgGraded = 0, ap = 0, rr = 0;
            for (var i = 0; i < top.Length; i++)
            {
                if (gradeOf.TryGetValue(top[i], out var g))
                {
                    hits++;
                    dcg += 1 / Math.Log2(i + 2);
                    dcgGraded += g / Math.Log2(i + 2);
                    ap += hits / (i + 1);
                    rr = rr == 0 ? 1.0 / (i + 1) : rr;
                }
            }

            var cut = Math.Min(k, relevant[u].Length);
            var idcg = Enumerable.Range(0, cut).Sum(i => 1 / Math.Log2(i + 2));
            var ideal = gradeOf.Values.OrderDescending().Take(cut).Select((g, i) => g / Math.Log2(i + 2)).Sum();
            precision += hits / k;
            recall += hits / relevant[u].Length;
            ndcg += dcg / idcg;
            graded += dcgGraded / ideal;
            map += ap / cut;
            hit += hits > 0 ? 1 : 0;
            mrr += rr;
        }

        Assert.Equal(users, result.UsersEvaluated);
        Assert.Equal(precision / users, result.Precision, 1e-12);
        Assert.Equal(recall / users, result.Recall, 1e-12);
        Assert.Equal(ndcg / users, result.Ndcg, 1e-12);
        Assert.Equal(graded / users, result.NdcgGraded, 1e-12);
        Assert.Equal(map / users, result.MeanAveragePrecision, 1e-12);
        Assert.Equal(hit / users, result.HitRate, 1e-12);
        Assert.Equal(mrr / users, result.MeanReciprocalRank, 1e-12);
    }
}

using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;

namespace MovieRec.Tests.Evaluation;

public sealed class SubgroupBreakdownTests
{
    /// <summary>
    /// Five users with 1, 2, 3, 4 and 6 training ratings over movies 1..6 (movie m is rated by the users
    /// with at least m ratings, so popularity falls with the id). The model prefers lower ids and K = 1:
    /// users 1–4 get movies 2, 3, 4, 5 and user 5 nothing. Held out: 2 (hit), 5 (miss), 4 (hit), 5 (hit)
    /// and 7 (a movie outside the catalogue, miss).
    /// </summary>
    private static (EvaluationResult Result, TrainingData Train) HandFixture()
    {
        int[][] rated = [[1], [1, 2], [1, 2, 3], [1, 2, 3, 4], [1, 2, 3, 4, 5, 6]];
        var users = rated.SelectMany((movies, u) => movies.Select(_ => u + 1)).ToArray();
        var movieIds = rated.SelectMany(movies => movies).ToArray();
        var train = new TrainingData(new RatingsTable(users, movieIds, users.Select(_ => 4f).ToArray(), users.Select(u => (long)u).ToArray()));
        var test = new RatingsTable([1, 2, 3, 4, 5], [2, 5, 4, 5, 7], [4, 4, 4, 4, 4], [9, 9, 9, 9, 9]);
        var model = new FunctionRecommender("LowerIdFirst", (_, m) => -m);
        model.Fit(train);
        var result = Evaluator.Evaluate(model, train, test, new EvaluationOptions { K = 1, Bootstrap = new BootstrapOptions { Resamples = 100 } });
        return (result, train);
    }

    [Fact]
    public void FixedThresholdsBucketUsersByTrainingRatingCount()
    {
        var (result, train) = HandFixture();

        var groups = SubgroupBreakdown.ByUserActivity(result, train, [2, 4]);

        Assert.Equal(["light", "medium", "heavy"], groups.Select(g => g.Group));
        Assert.Equal([0, 2, 4], groups.Select(g => g.MinimumTrainRatings));
        Assert.Equal([1, 3, int.MaxValue], groups.Select(g => g.MaximumTrainRatings));
        Assert.Equal([1, 2, 2], groups.Select(g => g.Metrics.UsersEvaluated));
        Assert.Equal([1.0, 0.5, 0.5], groups.Select(g => g.Metrics.HitRate));
        Assert.Equal(1.0, groups[0].Ndcg!.Estimate);
    }

    [Fact]
    public void TercilesAreComputedFromTheEvaluatedUsers()
    {
        var (result, train) = HandFixture();

        var groups = SubgroupBreakdown.ByUserActivity(result, train);

        // Counts 1, 2, 3, 4, 6: cuts at the 1/3 and 2/3 order statistics, 2 and 4.
        Assert.Equal([0, 2, 4], groups.Select(g => g.MinimumTrainRatings));
        Assert.Equal(result.Users, groups.Sum(g => g.Metrics.UsersEvaluated));
        var weighted = groups.Sum(g => g.Metrics.Ndcg * g.Metrics.UsersEvaluated) / result.Users;
        Assert.Equal(result.Aggregate.Ndcg, weighted, 12);
    }

    [Fact]
    public void ThresholdsMustIncrease()
    {
        var (result, train) = HandFixture();

        Assert.Throws<ArgumentException>(() => SubgroupBreakdown.ByUserActivity(result, train, [4, 2]));
        Assert.Throws<ArgumentException>(() => SubgroupBreakdown.ByUserActivity(result, train, [0]));
    }

    [Fact]
    public void PopularityBreakdownSplitsRecommendationsAndHitsIntoHeadAndTail()
    {
        var (result, train) = HandFixture();

        var breakdown = SubgroupBreakdown.ByItemPopularity(result, train, headShare: 0.2);

        // Catalogue of 6; ceil(0.2 × 6) = 2 head movies: 1 (5 ratings) and 2 (4 ratings).
        Assert.Equal(2, breakdown.HeadItems);
        Assert.Equal(4, breakdown.TailItems);
        Assert.Equal(4, breakdown.Recommended);           // movies 2, 3, 4, 5
        Assert.Equal(0.25, breakdown.HeadRecommendationShare);
        Assert.Equal(3, breakdown.Hits);                  // 2 (head), 4, 5
        Assert.Equal(1.0 / 3, breakdown.HeadHitShare, 12);
        Assert.Equal(0.2, breakdown.HeadRelevantShare, 12); // relevant 2, 5, 4, 5, 7: one head movie
        Assert.Equal(1.0, breakdown.HeadRecall);
        Assert.Equal(0.5, breakdown.TailRecall);           // 2 of 4 tail relevants (7 is outside the catalogue)
        Assert.Throws<ArgumentException>(() => SubgroupBreakdown.ByItemPopularity(result, train, headShare: 1));
    }
}

using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Models.Baselines;

[Collection(TorchCollection.Name)]
public sealed class BiasBaselineConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new BiasBaseline();

    // Ranks every user's unseen movies by item bias alone, so the checkerboard's blocks are invisible to it:
    // a user's held-out movie comes first only when it has the highest bias among their unseen movies.
    // Measured on the default fixture: 6 of 14 users; and 5 of 10 movies have a same-block "most similar"
    // (SimilarItems is the item-bias order, the same for every movie).
    protected override double MinimumCheckerboardHitRate => 6.0 / 14;

    protected override double MinimumSimilarItemsBlockAgreement => 0.5;
}

[Collection(TorchCollection.Name)]
public sealed class BiasBaselineTests
{
    // User 1 rated movie 10 with 4 and movie 20 with 2; user 2 rated movie 10 with 5. μ = 11/3.
    private static readonly (int, int, float)[] Tiny = [(1, 10, 4f), (1, 20, 2f), (2, 10, 5f)];

    [Fact]
    public void OneSweepMatchesTheHandComputation()
    {
        var model = new BiasBaseline(new BiasBaselineOptions { UserRegularization = 1, ItemRegularization = 1, NumberOfIterations = 1 });

        model.Fit(BaselineTestData.Train(Tiny));

        // Items first with b_u = 0: b_10 = ((4 − μ) + (5 − μ)) / (1 + 2) = 5/9, b_20 = (2 − μ) / (1 + 1) = −5/6.
        // Then users: b_1 = ((4 − μ − 5/9) + (2 − μ + 5/6)) / (1 + 2) = −19/54, b_2 = (5 − μ − 5/9) / (1 + 1) = 7/18.
        Assert.Equal(11f / 3, model.GlobalMean, 5);
        Assert.Equal(5f / 9, model.ItemBiases[0], 5);
        Assert.Equal(-5f / 6, model.ItemBiases[1], 5);
        Assert.Equal(-19f / 54, model.UserBiases[0], 5);
        Assert.Equal(7f / 18, model.UserBiases[1], 5);
        var predictions = model.PredictRatings([1, 2], [20, 20]);
        Assert.Equal((11f / 3) - (19f / 54) - (5f / 6), predictions[0], 5);
        Assert.Equal((11f / 3) + (7f / 18) - (5f / 6), predictions[1], 5);
    }

    [Fact]
    public void WithoutRegularisationTheBiasesSolveTheLeastSquaresEquations()
    {
        var data = BaselineTestData.Train(
            (1, 10, 4f), (1, 20, 2f), (1, 30, 3.5f), (2, 10, 5f), (2, 30, 4f), (3, 20, 1f), (3, 30, 2.5f), (3, 10, 3f));
        var model = new BiasBaseline(new BiasBaselineOptions { UserRegularization = 0, ItemRegularization = 0, NumberOfIterations = 500 });

        model.Fit(data);

        // At the least-squares optimum the residuals sum to zero over every user's and every movie's ratings.
        var ratings = data.Ratings;
        var residuals = model.Score(ratings.UserIds, ratings.MovieIds).Select((s, i) => ratings.Ratings[i] - s).ToArray();
        foreach (var user in ratings.UserIds.Distinct())
        {
            Assert.Equal(0, Enumerable.Range(0, ratings.Count).Where(i => ratings.UserIds[i] == user).Sum(i => residuals[i]), 3);
        }

        foreach (var movie in ratings.MovieIds.Distinct())
        {
            Assert.Equal(0, Enumerable.Range(0, ratings.Count).Where(i => ratings.MovieIds[i] == movie).Sum(i => residuals[i]), 3);
        }
    }

    [Fact]
    public void UnknownUsersAndMoviesFallBackToTheKnownBiases()
    {
        var model = new BiasBaseline();
        model.Fit(BaselineTestData.Train(Tiny));

        var predictions = model.PredictRatings([99, 1, 99], [10, 99, 99]);

        Assert.Equal(model.GlobalMean + model.ItemBiases[0], predictions[0], 5);
        Assert.Equal(model.GlobalMean + model.UserBiases[0], predictions[1], 5);
        Assert.Equal(model.GlobalMean, predictions[2], 5);
    }

    [Fact]
    public void PredictionsAreClippedToTheTrainingRangeButScoresAreNot()
    {
        // A generous user and a loved movie: μ + b_u + b_i exceeds 5 without regularisation.
        var data = BaselineTestData.Train((1, 10, 5f), (1, 20, 5f), (2, 10, 5f), (2, 30, 1f), (3, 30, 1f), (3, 20, 3f));
        var clipped = new BiasBaseline(new BiasBaselineOptions { UserRegularization = 0, ItemRegularization = 0 });
        var raw = new BiasBaseline(new BiasBaselineOptions { UserRegularization = 0, ItemRegularization = 0, ClipPredictions = false });
        clipped.Fit(data);
        raw.Fit(data);

        var unclipped = raw.PredictRatings([1, 3], [10, 30]);
        var predictions = clipped.PredictRatings([1, 3], [10, 30]);

        Assert.True(unclipped[0] > 5f || unclipped[1] < 1f, $"The fixture should leave the range: {unclipped[0]}, {unclipped[1]}.");
        Assert.All(predictions, p => Assert.InRange(p, 1f, 5f));
        Assert.Equal(unclipped, clipped.Score([1, 3], [10, 30]));
    }

    [Fact]
    public void RecommendRanksByItemBias()
    {
        var model = new BiasBaseline();
        model.Fit(BaselineTestData.Train((1, 10, 5f), (2, 10, 5f), (2, 20, 1f), (3, 30, 3f), (3, 20, 2f), (1, 40, 4f)));

        var (movies, scores) = model.RecommendOne(3, k: 10);

        var expected = new[] { 10, 40 }.OrderByDescending(m => model.ItemBiases[m / 10 - 1]).ToArray();
        Assert.Equal(expected, movies);
        Assert.Equal(model.Score([3, 3], movies), scores);
    }

    [Fact]
    public void InvalidOptionsNameTheSetting()
    {
        Assert.Equal("UserRegularization", Assert.Throws<ArgumentException>(() => new BiasBaseline(new BiasBaselineOptions { UserRegularization = -1 })).ParamName);
        Assert.Equal("ItemRegularization", Assert.Throws<ArgumentException>(() => new BiasBaseline(new BiasBaselineOptions { ItemRegularization = double.NaN })).ParamName);
        Assert.Equal("NumberOfIterations", Assert.Throws<ArgumentException>(() => new BiasBaseline(new BiasBaselineOptions { NumberOfIterations = 0 })).ParamName);
    }
}

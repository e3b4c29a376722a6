using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Models.Neural;
using MovieRec.Splits;
using MovieRec.Training;

namespace MovieRec.Tests.Models.Neural;

[Collection(TorchCollection.Name)]
public sealed class DeepNcfTests
{
    [Fact]
    public void ValidationDrivesEarlyStoppingAndTheHistoryRecordsIt()
    {
        var fixture = Conformance.CheckerboardFixture.Build(groupAUsers: 20, groupBUsers: 12, itemsPerBlock: 8);
        var model = new DeepNcf(new DeepNcfOptions
        {
            GmfDimension = 4,
            MlpDimension = 4,
            HiddenSizes = [8],
            ValidationFraction = 0.2,
            ValidationCutoff = 5,
            Training = new TrainingOptions { Epochs = 6, BatchSize = 32, LearningRate = 0.01, Patience = 0 },
        });

        model.Fit(fixture.Train);

        Assert.Equal("ndcg@5", model.History!.PrimaryMetric);
        Assert.Equal(6, model.History.EpochCount);
        Assert.All(model.History.Records, r => Assert.InRange(r.ValidationMetrics["hr@5"], 0, 1));
        Assert.InRange(model.History.BestEpoch, 1, 6);
    }

    [Fact]
    public void SameSeedGivesTheSameModel()
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        DeepNcf Train() => new(new DeepNcfOptions
        {
            GmfDimension = 4, MlpDimension = 4, HiddenSizes = [8], ValidationFraction = 0,
            Training = new TrainingOptions { Epochs = 3, BatchSize = 8, Seed = 11 },
        });
        var first = Train();
        var second = Train();

        first.Fit(fixture.Train);
        second.Fit(fixture.Train);

        Assert.Equal(first.History!.Losses, second.History!.Losses);
        Assert.Equal(first.Recommend(fixture.UserIds, 3).Scores, second.Recommend(fixture.UserIds, 3).Scores);
    }

    [Fact]
    public void NewOptionsPersistAndAFolderSavedBeforeThemLoadsWithTheValuesItWasTrainedWith()
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        var model = new DeepNcf(new DeepNcfOptions
        {
            GmfDimension = 4, MlpDimension = 4, HiddenSizes = [8], ValidationFraction = 0,
            NegativeSamplingExponent = 0.5, EmbeddingRegularization = 0.02,
            Training = new TrainingOptions { Epochs = 1, BatchSize = 16 },
        });
        model.Fit(fixture.Train);
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "ncf");
        model.Save(folder);

        var reloaded = DeepNcf.Load(folder);
        Assert.Equal(0.5, reloaded.Options.NegativeSamplingExponent);
        Assert.Equal(0.02, reloaded.Options.EmbeddingRegularization);

        // A folder written before the two options existed has no lines for them: its model drew uniform negatives
        // without a penalty, whatever today's defaults are.
        var configuration = Path.Combine(folder, "configuration.json");
        var lines = File.ReadAllLines(configuration)
            .Where(l => !l.Contains("\"NegativeSamplingExponent\"") && !l.Contains("\"EmbeddingRegularization\""));
        File.WriteAllLines(configuration, lines);

        var legacy = DeepNcf.Load(folder);
        Assert.Equal(0, legacy.Options.NegativeSamplingExponent);
        Assert.Equal(0, legacy.Options.EmbeddingRegularization);
        Assert.Equal(model.Recommend(fixture.UserIds, 3).MovieIds, legacy.Recommend(fixture.UserIds, 3).MovieIds);
    }

    [Theory]
    [InlineData(DeepNcfLoss.SampledSoftmax)]
    [InlineData(DeepNcfLoss.BinaryCrossEntropy)]
    public void PopularityDrawnNegativesAndThePenaltyTrainDeterministically(DeepNcfLoss loss)
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        DeepNcf Train() => new(new DeepNcfOptions
        {
            GmfDimension = 4, MlpDimension = 4, HiddenSizes = [8], ValidationFraction = 0, Loss = loss,
            NegativeSamplingExponent = 0.75, EmbeddingRegularization = 0.01,
            Training = new TrainingOptions { Epochs = 3, BatchSize = 8, Seed = 5 },
        });
        var first = Train();
        var second = Train();

        first.Fit(fixture.Train);
        second.Fit(fixture.Train);

        Assert.All(first.History!.Losses, l => Assert.True(double.IsFinite(l) && l > 0));
        Assert.Equal(first.History.Losses, second.History!.Losses);
    }

    [Theory]
    [InlineData(-0.1, 0)]
    [InlineData(1.5, 0)]
    [InlineData(0, -1)]
    public void OutOfRangeSamplingExponentOrPenaltyNamesTheParameter(double exponent, double regularization)
    {
        var error = Assert.Throws<ArgumentException>(() => new DeepNcf(new DeepNcfOptions
        {
            NegativeSamplingExponent = exponent, EmbeddingRegularization = regularization,
        }));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void IsNotARatingPredictor()
    {
        Assert.IsNotAssignableFrom<IRatingPredictor>(new DeepNcf());
    }

    /// <summary>
    /// The standard protocol (stratified 75/25, seed 42, all held-out relevant). The target is NDCG@10
    /// above item-kNN's 0.3699: the sixth round's defaults (history vectors as user vectors) measured 0.3707, the fourth
    /// round's free embeddings 0.3604, the third round's sampled softmax 0.3069, the paper's setup 0.2332
    /// (docs/alternative-models.md); this asserts a regression bar below the measured value.
    /// </summary>
    [Fact]
    public void DefaultsReachTheRegressionBarOnTheStandardProtocol()
    {
        Assert.NotNull(SharedData.MlLatestSmall);
        var ratings = MovieLensLoader.LoadRatings(Path.Combine(SharedData.MlLatestSmall, "ratings.csv"));
        var split = StratifiedPerUserSplitter.Split(ratings, 0.25, 42);
        var truth = GroundTruth.FromRatings(split.Test);
        var model = new DeepNcf();

        model.Fit(new TrainingData(split.Train));
        var metrics = RankingMetrics.Compute(model.Recommend(truth.UserIds, k: 10), truth, k: 10);

        Assert.Equal(610, metrics.UsersEvaluated);
        Assert.True(metrics.Ndcg >= DeepNcfNdcgTarget, $"NDCG@10 {metrics.Ndcg:F4} is below {DeepNcfNdcgTarget}.");
    }

    /// <summary>
    /// The regression bar (not the target): the measured 0.3707 (one torch thread) less a margin for libtorch's
    /// thread-dependent rounding over 780 steps.
    /// </summary>
    private const double DeepNcfNdcgTarget = 0.35;
}

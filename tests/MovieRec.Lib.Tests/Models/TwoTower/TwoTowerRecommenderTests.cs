using MovieRec.Models;
using MovieRec.Models.TwoTower;
using MovieRec.Tests.Conformance;
using MovieRec.Training;

namespace MovieRec.Tests.Models.TwoTower;

[Collection(TorchCollection.Name)]
public sealed class TwoTowerRecommenderTests
{
    private static (TwoTowerRecommender Model, CheckerboardFixture Fixture) Fitted(TwoTowerOptions? options = null)
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
        var model = new TwoTowerRecommender(options ?? TwoTowerConformanceTests.SmallOptions);
        model.Fit(fixture.Train);
        return (model, fixture);
    }

    private static (int[] Users, int[] Movies) AllPairs(CheckerboardFixture fixture) =>
        (fixture.UserIds.SelectMany(u => fixture.MovieIds.Select(_ => u)).ToArray(),
         fixture.UserIds.SelectMany(_ => fixture.MovieIds).ToArray());

    [Fact]
    public void FittingTwiceWithTheSameSeedGivesIdenticalScores()
    {
        var (first, fixture) = Fitted();
        var (second, _) = Fitted();
        var (other, _) = Fitted(TwoTowerConformanceTests.SmallOptions with
        {
            Training = TwoTowerConformanceTests.SmallOptions.Training with { Seed = 12 },
        });
        var (users, movies) = AllPairs(fixture);

        Assert.Equal(first.Score(users, movies), second.Score(users, movies));
        Assert.Equal(first.History!.Losses, second.History!.Losses);
        Assert.NotEqual(first.Score(users, movies), other.Score(users, movies));
    }

    [Fact]
    public void ValidationCarveOutDrivesTheHistory()
    {
        var options = TwoTowerConformanceTests.SmallOptions with
        {
            ValidationFraction = 0.25,
            ValidationCutoff = 5,
            Training = TwoTowerConformanceTests.SmallOptions.Training with { Epochs = 6, Patience = 0 },
        };
        var progress = new StringWriter();
        var fixture = CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
        var model = new TwoTowerRecommender(options, new ConsoleTrainingReporter(progress));

        model.Fit(fixture.Train);

        var history = model.History!;
        Assert.Equal(6, history.EpochCount);
        Assert.Equal("recall@5", history.PrimaryMetric);
        Assert.All(history.ValidationValues, v => Assert.InRange(v, 0, 1));
        Assert.All(history.MetricValues("ndcg@5"), v => Assert.InRange(v, 0, 1));
        Assert.All(history.Losses, loss => Assert.True(double.IsFinite(loss) && loss > 0));
        Assert.Equal(6, progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("recall@5", progress.ToString());
    }

    [Fact]
    public void SavedFolderLoadsWithIdenticalScoresAndHasEveryFile()
    {
        var (model, fixture) = Fitted();
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "two-tower");
        var (users, movies) = AllPairs(fixture);

        model.Save(folder);
        var loaded = TwoTowerRecommender.Load(folder);

        Assert.Equal(model.Score(users, movies), loaded.Score(users, movies));
        Assert.Equal(model.Options.ArchitectureDifferences(loaded.Options), []);
        Assert.Equal(
            ["interactions.bin", "item-features.json", "manifest.json", "two-tower.json", "weights.bin"],
            Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal([folder], Directory.GetDirectories(dir.Path));
    }

    [Fact]
    public void TrainingSeenItemsAreTheTrainingRowsBeforeAndAfterLoading()
    {
        var fresh = new TwoTowerRecommender(TwoTowerConformanceTests.SmallOptions);
        Assert.Throws<InvalidOperationException>(() => fresh.TrainingSeenItems);
        var (model, fixture) = Fitted();
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "two-tower");
        model.Save(folder);
        var loaded = TwoTowerRecommender.Load(folder);

        foreach (var seen in new[] { model.TrainingSeenItems, loaded.TrainingSeenItems })
        {
            Assert.Equal(fixture.Train.SeenItems.Offsets, seen.Offsets);
            Assert.Equal(fixture.Train.SeenItems.ItemIndices, seen.ItemIndices);
            Assert.Equal(model.UserVectors().Length / model.VectorWidth, seen.UserCount);
        }
    }

    [Fact]
    public void LoadingWithOtherArchitectureOptionsNamesEachDifference()
    {
        var (model, _) = Fitted();
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "two-tower");
        model.Save(folder);

        var error = Assert.Throws<ArgumentException>(() => TwoTowerRecommender.Load(
            folder, TwoTowerConformanceTests.SmallOptions with { EmbeddingDimension = 8, HiddenSizes = [32, 32] }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("EmbeddingDimension: 8 vs 16", error.Message);
        Assert.Contains("HiddenSizes: [32, 32] vs [32]", error.Message);
        // Same architecture, other training settings: loads.
        var loaded = TwoTowerRecommender.Load(folder, TwoTowerConformanceTests.SmallOptions with { Temperature = 0.5 });
        Assert.Equal(0.5, loaded.Options.Temperature);
    }

    [Fact]
    public void NewArchitectureOptionsAreSavedAndCheckedOnLoad()
    {
        var options = TwoTowerConformanceTests.SmallOptions with
        {
            HistoryRatingExponent = 1.5,
            ItemPopularityFeature = true,
            LogQCorrectionWeight = 0.5,
        };
        var (model, fixture) = Fitted(options);
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "two-tower");
        var (users, movies) = AllPairs(fixture);
        model.Save(folder);

        var loaded = TwoTowerRecommender.Load(folder);
        var error = Assert.Throws<ArgumentException>(() => TwoTowerRecommender.Load(
            folder, options with { HistoryRatingExponent = 0, ItemPopularityFeature = false }));

        Assert.Equal(model.Score(users, movies), loaded.Score(users, movies));
        Assert.Equal(1.5, loaded.Options.HistoryRatingExponent);
        Assert.True(loaded.Options.ItemPopularityFeature);
        Assert.Equal(0.5, loaded.Options.LogQCorrectionWeight);
        Assert.Contains("HistoryRatingExponent: 0 vs 1.5", error.Message);
        Assert.Contains("ItemPopularityFeature: False vs True", error.Message);
    }

    [Theory]
    [InlineData(-0.1, 0, "LogQCorrectionWeight")]
    [InlineData(4.5, 0, "LogQCorrectionWeight")]
    [InlineData(1, -1, "HistoryRatingExponent")]
    public void LogQWeightAndRatingExponentOutOfRangeAreRejected(double logQWeight, double ratingExponent, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => new TwoTowerRecommender(
            new TwoTowerOptions { LogQCorrectionWeight = logQWeight, HistoryRatingExponent = ratingExponent }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void WeightsOfAnotherConfigurationAreAClearInvalidDataError()
    {
        var (small, _) = Fitted();
        var (wide, _) = Fitted(TwoTowerConformanceTests.SmallOptions with { EmbeddingDimension = 8 });
        using var dir = new TempDirectory();
        var smallFolder = Path.Combine(dir.Path, "small");
        var wideFolder = Path.Combine(dir.Path, "wide");
        small.Save(smallFolder);
        wide.Save(wideFolder);
        File.Copy(Path.Combine(wideFolder, "weights.bin"), Path.Combine(smallFolder, "weights.bin"), overwrite: true);

        var error = Assert.Throws<InvalidDataException>(() => RecommenderStore.Load(smallFolder));

        Assert.Contains("does not match the model's configuration", error.Message);
        Assert.Contains("in the checkpoint but", error.Message);
    }

    [Theory]
    [InlineData(TwoTowerLoss.FullSoftmax, 0.0)]
    [InlineData(TwoTowerLoss.FullSoftmax, 1.0)]
    [InlineData(TwoTowerLoss.InBatchSampledSoftmax, 0.0)]
    [InlineData(TwoTowerLoss.InBatchSampledSoftmax, 0.5)]
    public void EveryLossAndUserWeightingLearnsTheCheckerboard(TwoTowerLoss loss, double userWeightExponent)
    {
        var (model, fixture) = Fitted(TwoTowerConformanceTests.SmallOptions with { Loss = loss, UserWeightExponent = userWeightExponent });

        var result = model.Recommend(fixture.UserIds, k: 1);

        var hits = Enumerable.Range(0, result.Count).Count(r => result.MovieIdsAt(r)[0] == fixture.HeldOut[result.QueryIds[r]]);
        Assert.Equal(fixture.UserIds.Length, hits);
        Assert.All(model.History!.Losses, value => Assert.True(double.IsFinite(value) && value > 0));
    }

    [Fact]
    public void UserWeightExponentOutOfRangeIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new TwoTowerRecommender(new TwoTowerOptions { UserWeightExponent = -0.5 }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("UserWeightExponent", error.Message);
    }

    [Fact]
    public void InvalidOptionsAreRejectedAtConstruction()
    {
        var error = Assert.Throws<ArgumentException>(() => new TwoTowerRecommender(new TwoTowerOptions { Temperature = 0 }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("Temperature", error.Message);
    }

    [Fact]
    public void ItemFeaturesUseGenresAndYearBuckets()
    {
        var (model, fixture) = Fitted();

        var similar = model.SimilarItems([fixture.MovieIds[0]], k: 3);

        // Comedy movies are most similar to a comedy.
        Assert.All(similar.MovieIdsAt(0).ToArray(), id => Assert.Equal('A', fixture.BlockOfMovie[id]));
        Assert.Equal(16, model.ItemVectors().Length / fixture.MovieIds.Length);
        Assert.Equal(fixture.UserIds.Length * 16, model.UserVectors().Length);
    }
}

using MovieRec.Models.TwoTower;
using MovieRec.Tests.Conformance;
using MovieRec.Training;

namespace MovieRec.Tests.Models.TwoTower;

[Collection(TorchCollection.Name)]
public sealed class TwoTowerSparseUpdatesTests
{
    private static TwoTowerOptions Sparse(TwoTowerOptions? baseOptions = null) =>
        (baseOptions ?? TwoTowerConformanceTests.SmallOptions) with { SparseEmbeddingUpdates = true };

    private static TwoTowerOptions Dense(TwoTowerOptions? baseOptions = null) =>
        (baseOptions ?? TwoTowerConformanceTests.SmallOptions) with { SparseEmbeddingUpdates = false };

    private static (TwoTowerRecommender Model, CheckerboardFixture Fixture) Fitted(TwoTowerOptions options)
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
        var model = new TwoTowerRecommender(options);
        model.Fit(fixture.Train);
        return (model, fixture);
    }

    private static Dictionary<string, float[]> Weights(TwoTowerRecommender model) =>
        model.Model.state_dict()
            .Where(p => p.Value.dtype == TorchSharp.torch.ScalarType.Float32)
            .ToDictionary(p => p.Key, p => p.Value.contiguous().data<float>().ToArray());

    [Fact]
    public void TwoSeededRunsGiveIdenticalWeights()
    {
        var (first, _) = Fitted(Sparse());
        var (second, _) = Fitted(Sparse());

        var a = Weights(first);
        var b = Weights(second);
        Assert.Contains("itemTower.idEmbedding.weight", a.Keys);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (name, values) in a)
        {
            Assert.Equal(values, b[name]);
        }

        Assert.Equal(first.History!.Losses, second.History!.Losses);

        // The table is handed back to autograd after the fit.
        Assert.True(first.Model.parameters().All(p => p.requires_grad));
    }

    [Fact]
    public void WhenEveryMovieIsInEveryBatchSparseUpdatesAreDenseAdamW()
    {
        // 16 movies, batches of 64 positives plus 8 history items per row: every row of the movie table is read at
        // every step, so the lazy update is the dense one (LazyAdamTable's known answer, here through the whole fit).
        var (sparse, _) = Fitted(Sparse());
        var (dense, _) = Fitted(Dense());
        var sparseWeights = Weights(sparse);
        foreach (var (name, values) in Weights(dense))
        {
            var other = sparseWeights[name];
            Assert.All(values.Zip(other), pair => Assert.Equal(pair.First, pair.Second, 4));
        }

        // Batches of 4 with 2 history items leave most movies out of each step: then the two differ.
        var small = TwoTowerConformanceTests.SmallOptions with
        {
            HistorySampleSize = 2,
            Training = TwoTowerConformanceTests.SmallOptions.Training with { BatchSize = 4, Epochs = 2 },
        };
        const string table = "itemTower.idEmbedding.weight";
        Assert.NotEqual(Weights(Fitted(Dense(small)).Model)[table], Weights(Fitted(Sparse(small)).Model)[table]);
    }

    [Theory]
    [InlineData(TwoTowerLoss.InBatchSampledSoftmax, false, false, 0)]
    [InlineData(TwoTowerLoss.InBatchSampledSoftmax, true, false, 4)]
    [InlineData(TwoTowerLoss.InBatchSampledSoftmax, false, true, 0)]
    [InlineData(TwoTowerLoss.FullSoftmax, false, false, 0)]
    public void SparseUpdatesLearnTheCheckerboardWithEveryTableLayout(TwoTowerLoss loss, bool userIdEmbedding, bool separateHistoryTable, int uniformNegatives)
    {
        var (model, fixture) = Fitted(Sparse() with
        {
            Loss = loss,
            UseUserIdEmbedding = userIdEmbedding,
            ShareItemEmbeddings = !separateHistoryTable,
            UniformNegatives = uniformNegatives,
        });

        var result = model.Recommend(fixture.UserIds, k: 1);

        // Every user's only unseen movie of their own block is the held-out one: a model that learned the blocks ranks it first.
        var hits = Enumerable.Range(0, result.Count).Count(r => result.MovieIdsAt(r)[0] == fixture.HeldOut[result.QueryIds[r]]);
        Assert.Equal(fixture.UserIds.Length, hits);
        Assert.All(model.History!.Losses, value => Assert.True(double.IsFinite(value) && value > 0));
    }

    [Fact]
    public void TheSettingIsSavedAndLoadedAndOldFoldersLoadWithItOff()
    {
        var (model, _) = Fitted(Sparse() with { Training = TwoTowerConformanceTests.SmallOptions.Training with { Epochs = 2 } });
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "sparse");
        model.Save(folder);

        Assert.True(TwoTowerRecommender.Load(folder).Options.SparseEmbeddingUpdates);

        // A folder written before the setting existed has no such property in two-tower.json.
        var configuration = Path.Combine(folder, "two-tower.json");
        var text = File.ReadAllText(configuration);
        Assert.Contains("\"SparseEmbeddingUpdates\": true,", text);
        File.WriteAllText(configuration, text.Replace("\"SparseEmbeddingUpdates\": true,", string.Empty));
        Assert.False(TwoTowerRecommender.Load(folder).Options.SparseEmbeddingUpdates);
    }

    [Fact]
    public void OnByDefaultIgnoredByTheMultinomialLossAndRejectedWithClipping()
    {
        Assert.True(new TwoTowerOptions().SparseEmbeddingUpdates);

        // The per-user multinomial loss reads the whole catalogue every step: it trains densely whatever the setting.
        var multinomial = TwoTowerConformanceTests.SmallOptions with
        {
            Loss = TwoTowerLoss.UserMultinomial,
            Training = TwoTowerConformanceTests.SmallOptions.Training with { Epochs = 3, BatchSize = 8 },
        };
        Assert.Equal(
            Weights(Fitted(Dense(multinomial)).Model)["itemTower.idEmbedding.weight"],
            Weights(Fitted(Sparse(multinomial)).Model)["itemTower.idEmbedding.weight"]);

        var clipped = Assert.Throws<ArgumentException>(() => new TwoTowerRecommender(
            Sparse() with { Training = TwoTowerConformanceTests.SmallOptions.Training with { GradientClipNorm = 1 } }));
        Assert.Contains("GradientClipNorm", clipped.Message);
        Assert.Equal(1, new TwoTowerRecommender(Dense() with { Training = TwoTowerConformanceTests.SmallOptions.Training with { GradientClipNorm = 1 } })
            .Options.Training.GradientClipNorm);
    }
}

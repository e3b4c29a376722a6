using System.Numerics.Tensors;
using MovieRec.Models;
using MovieRec.Models.TwoTower;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Models.TwoTower;

/// <summary>The whole <see cref="IRecommender"/> contract with the learned item bias on.</summary>
[Collection(TorchCollection.Name)]
public sealed class TwoTowerItemBiasConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() =>
        new TwoTowerRecommender(TwoTowerConformanceTests.SmallOptions with { ItemBias = true });

    protected override CheckerboardFixture CreateFixture() => CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
}

/// <summary>The item bias: vectors one column wider, Score = u·i + b_i, saved and checked on load.</summary>
[Collection(TorchCollection.Name)]
public sealed class ItemBiasTests
{
    private const int Dimension = 16;

    private static (TwoTowerRecommender Model, CheckerboardFixture Fixture) Fitted(TwoTowerOptions options)
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
        var model = new TwoTowerRecommender(options);
        model.Fit(fixture.Train);
        return (model, fixture);
    }

    private static (int[] Users, int[] Movies) AllPairs(CheckerboardFixture fixture) =>
        (fixture.UserIds.SelectMany(u => fixture.MovieIds.Select(_ => u)).ToArray(),
         fixture.UserIds.SelectMany(_ => fixture.MovieIds).ToArray());

    [Fact]
    public void VectorsAreOneColumnWiderWithAConstantOneForUsersAndTheBiasForItems()
    {
        var (model, fixture) = Fitted(TwoTowerConformanceTests.SmallOptions with { ItemBias = true });
        var width = Dimension + 1;
        var users = model.UserVectors();
        var items = model.ItemVectors();
        var biases = model.ItemBiases();

        Assert.Equal(width, model.VectorWidth);
        Assert.Equal(fixture.UserIds.Length * width, users.Length);
        Assert.Equal(fixture.MovieIds.Length * width, items.Length);
        Assert.All(Enumerable.Range(0, fixture.UserIds.Length), u => Assert.Equal(1f, users[(u * width) + Dimension]));
        Assert.All(Enumerable.Range(0, fixture.MovieIds.Length), i => Assert.Equal(biases[i], items[(i * width) + Dimension]));

        // Trained from zero, the biases moved: the column is learned, not a constant.
        Assert.Contains(biases, b => b != 0f);

        // The first d columns are still unit vectors (normalisation applies to the directions only).
        Assert.All(Enumerable.Range(0, fixture.MovieIds.Length), i => Assert.Equal(1f, TensorPrimitives.Norm(items.AsSpan(i * width, Dimension)), 4));
    }

    [Fact]
    public void ScoreIsTheDirectionDotProductPlusTheItemBias()
    {
        var (model, fixture) = Fitted(TwoTowerConformanceTests.SmallOptions with { ItemBias = true });
        var (userIds, movieIds) = AllPairs(fixture);
        var width = model.VectorWidth;
        var users = model.UserVectors();
        var items = model.ItemVectors();
        var biases = model.ItemBiases();
        var userIndex = fixture.UserIds.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        var itemIndex = fixture.MovieIds.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);

        var scores = model.Score(userIds, movieIds);

        for (var p = 0; p < scores.Length; p++)
        {
            var u = userIndex[userIds[p]];
            var i = itemIndex[movieIds[p]];
            var direction = TensorPrimitives.Dot(users.AsSpan(u * width, Dimension), items.AsSpan(i * width, Dimension));
            Assert.Equal(direction + biases[i], scores[p], 5);
        }
    }

    [Fact]
    public void WithoutTheOptionVectorsKeepTheEmbeddingWidthAndBiasesAreZero()
    {
        var (model, fixture) = Fitted(TwoTowerConformanceTests.SmallOptions);

        Assert.Equal(Dimension, model.VectorWidth);
        Assert.Equal(fixture.MovieIds.Length * Dimension, model.ItemVectors().Length);
        Assert.All(model.ItemBiases(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void PopularityStartGivesPopularMoviesALargerInitialBias()
    {
        // With a learning rate of 1e-9 (Adam steps are about the learning rate) the biases stay at their starting values.
        var options = TwoTowerConformanceTests.SmallOptions with
        {
            ItemBias = true,
            ItemBiasFromPopularity = true,
            Training = TwoTowerConformanceTests.SmallOptions.Training with { Epochs = 1, LearningRate = 1e-9 },
        };
        var (model, fixture) = Fitted(options);
        var counts = fixture.MovieIds.Select(m => fixture.Train.Ratings.MovieIds.Count(id => id == m)).ToArray();
        var biases = model.ItemBiases();

        Assert.Equal(0.0, biases.Average(b => (double)b), 5);
        for (var a = 0; a < counts.Length; a++)
        {
            for (var b = 0; b < counts.Length; b++)
            {
                if (counts[a] > counts[b])
                {
                    Assert.True(biases[a] > biases[b], $"movie {fixture.MovieIds[a]} ({counts[a]} ratings) vs {fixture.MovieIds[b]} ({counts[b]})");
                }
            }
        }
    }

    [Fact]
    public void BiasIsSavedAndCheckedOnLoadAndOldFoldersLoadWithoutIt()
    {
        var options = TwoTowerConformanceTests.SmallOptions with { ItemBias = true };
        var (model, fixture) = Fitted(options);
        var (users, movies) = AllPairs(fixture);
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "with-bias");
        model.Save(folder);

        var loaded = TwoTowerRecommender.Load(folder);
        var error = Assert.Throws<ArgumentException>(() => TwoTowerRecommender.Load(folder, options with { ItemBias = false }));

        Assert.True(loaded.Options.ItemBias);
        Assert.Equal(model.Score(users, movies), loaded.Score(users, movies));
        Assert.Equal(model.ItemVectors(), loaded.ItemVectors());
        Assert.Contains("ItemBias: False vs True", error.Message);

        // A folder saved before the option existed has no ItemBias key and no bias tensor: it loads with the bias off.
        var (plain, _) = Fitted(TwoTowerConformanceTests.SmallOptions);
        var oldFolder = Path.Combine(dir.Path, "old");
        plain.Save(oldFolder);
        var path = Path.Combine(oldFolder, "two-tower.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        var saved = json["Options"]!.AsObject();
        Assert.True(saved.Remove("ItemBias") && saved.Remove("ItemBiasFromPopularity"));
        File.WriteAllText(path, json.ToJsonString());

        var old = TwoTowerRecommender.Load(oldFolder);

        Assert.False(old.Options.ItemBias);
        Assert.Equal(plain.Score(users, movies), old.Score(users, movies));
    }

    [Theory]
    [InlineData(TwoTowerLoss.InBatchSampledSoftmax)]
    [InlineData(TwoTowerLoss.FullSoftmax)]
    [InlineData(TwoTowerLoss.UserMultinomial)]
    public void EveryLossLearnsTheCheckerboardWithTheBias(TwoTowerLoss loss)
    {
        var options = TwoTowerConformanceTests.SmallOptions with { ItemBias = true, Loss = loss };
        if (loss == TwoTowerLoss.UserMultinomial)
        {
            options = options with { Training = options.Training with { Epochs = 60, BatchSize = 16 } };
        }

        var (model, fixture) = Fitted(options);
        var result = model.Recommend(fixture.UserIds, k: 1);

        var hits = Enumerable.Range(0, result.Count).Count(r => result.MovieIdsAt(r)[0] == fixture.HeldOut[result.QueryIds[r]]);
        Assert.Equal(fixture.UserIds.Length, hits);
        Assert.All(model.History!.Losses, value => Assert.True(double.IsFinite(value)));
    }

    [Fact]
    public void ColdStartScoresIncludeTheBias()
    {
        var (model, fixture) = Fitted(TwoTowerConformanceTests.SmallOptions with { ItemBias = true });
        var user = fixture.UserIds[0];
        var history = Enumerable.Range(0, fixture.Train.Ratings.Count)
            .Where(r => fixture.Train.Ratings.UserIds[r] == user)
            .Select(r => (fixture.Train.Ratings.MovieIds[r], fixture.Train.Ratings.Ratings[r]))
            .ToList();

        var cold = model.RecommendFromRatings(history, k: 5);
        var known = model.Recommend([user], k: 5);

        Assert.Equal(known.MovieIdsAt(0).ToArray(), cold.MovieIdsAt(0).ToArray());
        Assert.Equal(known.ScoresAt(0).ToArray(), cold.ScoresAt(0).ToArray(), (a, b) => Math.Abs(a - b) < 1e-4f);
    }
}

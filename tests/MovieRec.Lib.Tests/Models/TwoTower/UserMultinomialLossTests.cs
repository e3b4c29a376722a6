using MovieRec.Data;
using MovieRec.Features;
using MovieRec.Models;
using MovieRec.Models.TwoTower;
using MovieRec.Tests.Conformance;
using MovieRec.Torch;
using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Tests.Models.TwoTower;

/// <summary>The per-user multinomial loss (<see cref="TwoTowerLoss.UserMultinomial"/>): its random input/target split, masking and determinism.</summary>
[Collection(TorchCollection.Name)]
public sealed class UserMultinomialLossTests
{
    /// <summary>Users 1–4 rated 1, 2, 5 and 9 movies (ids 101…).</summary>
    private static readonly int[] MoviesPerUser = [1, 2, 5, 9];

    private static TwoTowerOptions Options(double inputFraction = 0.4, bool reconstruct = false) =>
        TwoTowerConformanceTests.SmallOptions with
        {
            Loss = TwoTowerLoss.UserMultinomial,
            InputFraction = inputFraction,
            ReconstructInput = reconstruct,
        };

    private static (UserMultinomialTrainingTask Task, SeenItems Seen) CreateTask(TwoTowerOptions options)
    {
        TorchNative.EnsureLoaded();
        var users = new List<int>();
        var movies = new List<int>();
        for (var u = 0; u < MoviesPerUser.Length; u++)
        {
            for (var m = 0; m < MoviesPerUser[u]; m++)
            {
                users.Add(u + 1);
                movies.Add(101 + ((m + u) % 12));
            }
        }

        var data = new TrainingData(new RatingsTable(
            users.ToArray(), movies.ToArray(), users.Select(_ => 4f).ToArray(), new long[users.Count]));
        var features = ItemFeatureTable.Build(data.ItemVocabulary, data.Movies, options.YearBucketWidth);
        manual_seed(3);
        var model = new TwoTowerModel(data.UserVocabulary.Count, features, options);
        return (new UserMultinomialTrainingTask(model, options, data.SeenItems, validation: null), data.SeenItems);
    }

    private static long[] Longs(Tensor t) => t.data<long>().ToArray();

    private static bool[] Bools(Tensor t) => t.data<bool>().ToArray();

    [Fact]
    public void SplitCoversEveryUsersMoviesOnceWithTheRoundedInputCount()
    {
        var (task, seen) = CreateTask(Options(inputFraction: 0.4));
        using var _ = task;
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);

        var split = task.Split(arange(4, dtype: ScalarType.Int64), generator);

        // Every CSR entry of the four users appears exactly once, in its own user's row.
        Assert.Equal(Enumerable.Range(0, seen.Count).Select(p => (long)p), Longs(split.Positions).Order());
        var rows = Longs(split.Rows);
        var positions = Longs(split.Positions);
        var items = Longs(split.Items);
        for (var e = 0; e < positions.Length; e++)
        {
            Assert.InRange(positions[e], seen.Offsets[rows[e]], seen.Offsets[rows[e] + 1] - 1);
            Assert.Equal(seen.ItemIndices[positions[e]], items[e]);
        }

        // round(0.4 n) clamped to [1, n − 1]: n = 1 → 0, 2 → 1, 5 → 2, 9 → 4.
        Assert.Equal(new long[] { 0, 1, 2, 4 }, Longs(split.InputCounts));
        var isInput = Bools(split.IsInput);
        for (var r = 0; r < 4; r++)
        {
            Assert.Equal(Longs(split.InputCounts)[r], Enumerable.Range(0, rows.Length).Count(e => rows[e] == r && isInput[e]));
        }
    }

    [Fact]
    public void TheSameSeedDrawsTheSameSplitAndAnotherSeedADifferentOne()
    {
        var (task, _) = CreateTask(Options(inputFraction: 0.5));
        using var _task = task;
        using var scope = NewDisposeScope();
        var users = arange(4, dtype: ScalarType.Int64);
        bool[] Draw(int seed)
        {
            using var generator = new Generator((ulong)seed);
            return Bools(task.Split(users, generator).IsInput);
        }

        Assert.Equal(Draw(5), Draw(5));
        Assert.Contains(Enumerable.Range(6, 10), seed => !Draw(seed).SequenceEqual(Draw(5)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InputMoviesAreMaskedOutOfTheSoftmaxUnlessReconstructed(bool reconstruct)
    {
        var (task, _) = CreateTask(Options(inputFraction: 0.5, reconstruct));
        using var _task = task;
        using var scope = NewDisposeScope();
        using var generator = new Generator(9);
        var users = arange(4, dtype: ScalarType.Int64);
        var split = task.Split(users, generator);

        float[] logits;
        using (no_grad())
        {
            logits = task.TrainingLogits(users, split).data<float>().ToArray();
        }

        var itemCount = logits.Length / 4;
        var rows = Longs(split.Rows);
        var items = Longs(split.Items);
        var isInput = Bools(split.IsInput);
        Assert.Contains(true, isInput);
        for (var e = 0; e < rows.Length; e++)
        {
            var value = logits[(rows[e] * itemCount) + items[e]];
            Assert.Equal(isInput[e] && !reconstruct, value < -1e8f);
        }

        Assert.Equal(isInput.Count(x => x) * (reconstruct ? 0 : 1), logits.Count(v => v < -1e8f));
    }

    [Fact]
    public void TheSameSeedGivesTheSameLoss()
    {
        var (task, _) = CreateTask(Options(inputFraction: 0.5));
        using var _task = task;
        using var scope = NewDisposeScope();
        float Loss(int seed)
        {
            using var generator = new Generator((ulong)seed);
            return task.ComputeLoss(new TrainingBatch(arange(4, dtype: ScalarType.Int64), generator, 1, 1)).item<float>();
        }

        var first = Loss(5);
        Assert.True(float.IsFinite(first) && first > 0, $"loss {first}");
        Assert.Equal(first, Loss(5));
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 1.0)]
    public void UserMultinomialLearnsTheCheckerboard(bool reconstruct, double popularityBoost)
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
        var options = Options(inputFraction: 0.5, reconstruct) with
        {
            PopularityBoost = popularityBoost,
            Training = TwoTowerConformanceTests.SmallOptions.Training with { Epochs = 60, BatchSize = 16 },
        };
        var model = new TwoTowerRecommender(options);

        model.Fit(fixture.Train);

        var result = model.Recommend(fixture.UserIds, k: 1);
        var hits = Enumerable.Range(0, result.Count).Count(r => result.MovieIdsAt(r)[0] == fixture.HeldOut[result.QueryIds[r]]);
        Assert.Equal(fixture.UserIds.Length, hits);
        Assert.Equal(60, model.History!.EpochCount);
        Assert.All(model.History.Losses, value => Assert.True(double.IsFinite(value) && value > 0));
    }

    [Fact]
    public void MultinomialSettingsAreSavedAndAFolderWithoutThemLoadsWithTheOldValues()
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
        var options = Options(inputFraction: 0.7, reconstruct: true) with
        {
            PopularityBoost = 1.0,
            Training = TwoTowerConformanceTests.SmallOptions.Training with { Epochs = 4, BatchSize = 16 },
        };
        var model = new TwoTowerRecommender(options);
        model.Fit(fixture.Train);
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "two-tower");
        var users = fixture.UserIds.SelectMany(u => fixture.MovieIds.Select(_ => u)).ToArray();
        var movies = fixture.UserIds.SelectMany(_ => fixture.MovieIds).ToArray();

        model.Save(folder);
        var loaded = TwoTowerRecommender.Load(folder);

        Assert.Equal(model.Score(users, movies), loaded.Score(users, movies));
        Assert.Equal(
            (TwoTowerLoss.UserMultinomial, 0.7, true, 1.0),
            (loaded.Options.Loss, loaded.Options.InputFraction, loaded.Options.ReconstructInput, loaded.Options.PopularityBoost));

        // A folder written before these settings existed has no such keys: it loads with the old behaviour's values.
        var path = Path.Combine(folder, "two-tower.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        var saved = json["Options"]!.AsObject();
        Assert.True(saved.Remove("InputFraction") && saved.Remove("ReconstructInput") && saved.Remove("PopularityBoost"));
        File.WriteAllText(path, json.ToJsonString());
        var old = TwoTowerRecommender.Load(folder);

        Assert.Equal(model.Score(users, movies), old.Score(users, movies));
        Assert.Equal((0.5, false, 0.0), (old.Options.InputFraction, old.Options.ReconstructInput, old.Options.PopularityBoost));
    }

    [Fact]
    public void TunedPresetIsValidAndUsesTheMultinomialLoss()
    {
        var options = TwoTowerOptions.UserMultinomialTuned;

        options.Validate();
        Assert.Equal(TwoTowerLoss.UserMultinomial, options.Loss);
        Assert.Equal((60, 128, 0.005), (options.Training.Epochs, options.Training.BatchSize, options.Training.LearningRate));
        Assert.Empty(new TwoTowerOptions().ArchitectureDifferences(options));
    }

    [Theory]
    [InlineData(0.0, 0.0, "InputFraction")]
    [InlineData(1.0, 0.0, "InputFraction")]
    [InlineData(0.5, -0.1, "PopularityBoost")]
    [InlineData(0.5, 2.5, "PopularityBoost")]
    public void InputFractionAndPopularityBoostOutOfRangeAreRejected(double inputFraction, double popularityBoost, string named)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new TwoTowerRecommender(new TwoTowerOptions { InputFraction = inputFraction, PopularityBoost = popularityBoost }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains(named, error.Message);
    }
}

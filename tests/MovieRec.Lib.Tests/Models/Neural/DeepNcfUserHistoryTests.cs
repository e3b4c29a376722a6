using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Models.Neural;
using MovieRec.Training;
using static TorchSharp.torch;

namespace MovieRec.Tests.Models.Neural;

/// <summary>
/// The sixth round's history-augmented user vector (<see cref="DeepNcfOptions.UserHistory"/>, <see cref="UserHistoryEncoder"/>):
/// known values on a hand-checkable history, its dropout, its place in NeuMF's scores, training, save/load and validation.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DeepNcfUserHistoryTests
{
    /// <summary>User 1 rated movies 10 and 11, user 2 rated 10, 11 and 12 (indices 0/1 and 0/1/2: ids ascend).</summary>
    private static TrainingData TwoUsers() =>
        new(new RatingsTable([1, 1, 2, 2, 2], [10, 11, 10, 11, 12], [4, 3, 5, 4, 2], [1, 2, 3, 4, 5]));

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void TheHistoryVectorIsTheNormalisedSumOfTheRatedMoviesRows(double beta)
    {
        using var encoder = Encoder(beta, dropout: 0);
        encoder.SetHistory(TwoUsers().SeenItems);
        encoder.eval();

        using (no_grad())
        {
            // y_10 = (1, 0), y_11 = (0, 2), y_12 = (3, 3): user 1 sums to (1, 2) over 2 movies, user 2 to (4, 5) over 3.
            var vectors = encoder.forward(tensor(new long[] { 1, 0, 1 })).data<float>().ToArray();

            var user1 = Math.Pow(2, -beta);
            var user2 = Math.Pow(3, -beta);
            double[] expected = [4 * user2, 5 * user2, 1 * user1, 2 * user1, 4 * user2, 5 * user2];
            Assert.Equal(expected.Length, vectors.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], vectors[i], 5);
            }
        }
    }

    [Fact]
    public void HistoryDropoutDropsWholeMoviesWhileTrainingAndKeepsTheExpectedVector()
    {
        // Every y entry is 1 and β = 0, so user 2's first coordinate is (kept movies)·2 while training at ρ = 0.5, 3 in evaluation.
        using var encoder = Encoder(0, dropout: 0.5);
        encoder.SetHistory(TwoUsers().SeenItems);
        using (no_grad())
        {
            encoder.ItemWeights.fill_(1);
            manual_seed(9);
            encoder.train();
            var draws = Enumerable.Range(0, 40).Select(_ => encoder.forward(tensor(new long[] { 1 }))[0, 0].item<float>()).ToList();
            encoder.eval();
            var full = encoder.forward(tensor(new long[] { 1 }))[0, 0].item<float>();

            Assert.All(draws, d => Assert.Contains(d, new[] { 0f, 2f, 4f, 6f }));
            Assert.True(draws.Distinct().Count() >= 3, "the draws should vary");
            Assert.InRange(draws.Average(), 2.2, 3.8);
            Assert.Equal(3f, full, 5);
        }
    }

    [Fact]
    public void TheEvaluationCacheIsRebuiltAfterATrainingForwardOrANewHistory()
    {
        using var encoder = Encoder(0, dropout: 0);
        var data = TwoUsers();
        encoder.SetHistory(data.SeenItems);
        var user = tensor(new long[] { 0 });
        float First() => encoder.forward(user)[0, 0].item<float>();

        encoder.eval();
        using (no_grad())
        {
            Assert.Equal(1f, First()); // y_10 + y_11 = (1, 2), cached now
            encoder.ItemWeights.mul_(10);
            Assert.Equal(1f, First()); // the cache, not the edited table
        }

        Assert.Equal(10f, First()); // with gradients: computed from the table
        encoder.train();
        encoder.forward(user);
        encoder.eval();
        using (no_grad())
        {
            Assert.Equal(10f, First()); // a training forward dropped the cache
            encoder.ItemWeights.mul_(2);
            encoder.SetHistory(data.SeenItems);
            Assert.Equal(20f, First()); // so does a new history
        }
    }

    [Fact]
    public void TheEncoderNeedsAHistoryOfItsCatalogue()
    {
        using var encoder = Encoder(0.5, dropout: 0);

        Assert.Throws<InvalidOperationException>(() => encoder.forward(tensor(new long[] { 0 })));
        var error = Assert.Throws<ArgumentException>(() =>
            encoder.SetHistory(new TrainingData(new RatingsTable([1], [10], [4], [1])).SeenItems));
        Assert.Equal("history", error.ParamName);
        Assert.Throws<ArgumentException>(() => new UserHistoryEncoder(3, 2, 0.1, 1.5, 0));
        Assert.Throws<ArgumentException>(() => new UserHistoryEncoder(3, 2, 0.1, 0.5, 1));
    }

    [Fact]
    public void InNeuMfTheHistoryVectorIsAddedToTheGmfUserEmbedding()
    {
        // Same seed: the history table is created last, so every other weight is the same with and without it, and the
        // score difference is the GMF output weights · (h_u ⊙ q_i).
        var data = TwoUsers();
        manual_seed(21);
        using var plain = new NeuMfModule(2, 3, 2, 2, [3], 0, 0.5, itemBias: true);
        manual_seed(21);
        using var withHistory = new NeuMfModule(2, 3, 2, 2, [3], 0, 0.5, itemBias: true, userHistory: true, historyWeightExponent: 0.5);
        withHistory.SetHistory(data.SeenItems);
        plain.eval();
        withHistory.eval();
        Assert.True(withHistory.HasUserHistory);
        Assert.False(plain.HasUserHistory);
        Assert.Contains("gmf_history.history_item.weight", withHistory.state_dict().Keys);

        using (no_grad())
        {
            var users = tensor(new long[] { 0, 0, 0, 1, 1, 1 });
            var items = tensor(new long[] { 0, 1, 2, 0, 1, 2 });
            var y = Parameter(withHistory, "gmf_history.history_item.weight");
            var history = stack([(y[0] + y[1]) / Math.Sqrt(2), (y[0] + y[1] + y[2]) / Math.Sqrt(3)]).index_select(0, users);
            var q = Parameter(withHistory, "gmf_item.weight").index_select(0, items);
            var w = Parameter(withHistory, "output.weight").narrow(1, 0, 2);
            var expected = plain.Score(users, items) + (history * q * w).sum(1);

            Assert.True(withHistory.Score(users, items).allclose(expected, rtol: 1e-5, atol: 1e-5), "score = plain score + w·(h_u ⊙ q_i) expected");
        }
    }

    [Fact]
    public void WithoutTheFreeEmbeddingTheGmfUserVectorIsTheHistoryAlone()
    {
        // FISM-style: the free GMF user table stays in the weights but does not enter the score.
        manual_seed(22);
        using var module = new NeuMfModule(2, 3, 2, 2, [3], 0, 0.5, itemBias: true, userHistory: true, freeUserEmbedding: false);
        module.SetHistory(TwoUsers().SeenItems);
        module.eval();
        Assert.Contains("gmf_user.weight", module.state_dict().Keys);
        using (no_grad())
        {
            var users = tensor(new long[] { 0, 1, 0, 1 });
            var items = tensor(new long[] { 0, 1, 2, 2 });
            var before = module.Score(users, items);
            var all = module.ScoreAllItems(tensor(new long[] { 0, 1 }));
            Parameter(module, "gmf_user.weight").normal_(0, 5);

            Assert.True(module.Score(users, items).allclose(before), "the free GMF user embedding must not change the score");
            Assert.True(module.ScoreAllItems(tensor(new long[] { 0, 1 })).allclose(all), "nor the factored scores");
        }
    }

    [Fact]
    public void ScoreAllItemsEqualsPairScoresWithTheHistory()
    {
        // 4 users over 7 movies, histories of 1–4 movies.
        var data = new TrainingData(new RatingsTable(
            [0, 0, 1, 1, 1, 2, 3, 3, 3, 3, 2, 1], [0, 1, 2, 3, 4, 5, 6, 0, 2, 4, 3, 6], Enumerable.Repeat(4f, 12).ToArray(), Enumerable.Range(0, 12).Select(i => (long)i).ToArray()));
        manual_seed(3);
        foreach (var (free, inMlp) in new[] { (true, false), (false, false), (true, true), (false, true) })
        {
            var module = new NeuMfModule(
                4, 7, 3, 2, [3], 0, 0.5, itemBias: true, userHistory: true, historyWeightExponent: 0.5, freeUserEmbedding: free, historyInMlp: inMlp);
            module.SetHistory(data.SeenItems);

            Assert.Equal(inMlp, module.state_dict().ContainsKey("mlp_history.history_item.weight"));
            DeepNcfLossTests.AssertFactoredScoresEqualPairScores(module);
        }
    }

    [Fact]
    public void WithTheHistoryDeepNcfLearnsTheCheckerboard()
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        var model = new DeepNcf(HistoryOptions(epochs: 150, seed: 3) with { HistoryDropout = 0.2 });

        model.Fit(fixture.Train);
        var top = model.Recommend(fixture.UserIds, 1);

        var hits = fixture.UserIds.Where((u, row) => top.MovieIdsAt(row)[0] == fixture.HeldOut[u]).Count();
        Assert.True(hits >= fixture.UserIds.Length * 0.8, $"{hits} of {fixture.UserIds.Length} users got their held-out movie first.");
        Assert.True(model.History!.Losses[^1] < model.History.Losses[0], "the loss did not fall");
        Assert.Contains("history β=0.5 drop=0.2", model.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingWithHistoryDropoutIsDeterministicForASeed()
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        DeepNcf Train(int seed)
        {
            var model = new DeepNcf(HistoryOptions(epochs: 4, seed: seed) with { HistoryDropout = 0.5 });
            model.Fit(fixture.Train);
            return model;
        }

        var first = Train(5);
        var second = Train(5);
        var other = Train(6);
        var movies = fixture.UserIds.Select(_ => fixture.MovieIds[1]).ToArray();

        Assert.Equal(first.History!.Losses, second.History!.Losses);
        Assert.Equal(first.Score(fixture.UserIds, movies), second.Score(fixture.UserIds, movies));
        Assert.NotEqual(first.History.Losses, other.History!.Losses);
    }

    [Fact]
    public void SaveAndLoadKeepTheHistoryAndRecommendUsesAllTrainingMovies()
    {
        // With a validation carve-out the history is the fit part while training; the fitted model must score with all
        // training movies, which is what a loaded model rebuilds from the saved ratings — so equal scores show both.
        var fixture = Conformance.CheckerboardFixture.Build();
        var model = new DeepNcf(HistoryOptions(epochs: 3, seed: 2) with { HistoryDropout = 0.3, HistoryWeightExponent = 0.75, FreeUserEmbedding = false, HistoryInMlp = true, ValidationFraction = 0.3 });
        model.Fit(fixture.Train);
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "ncf");
        model.Save(folder);

        var reloaded = DeepNcf.Load(folder);
        var movies = fixture.UserIds.Select((_, i) => fixture.MovieIds[i % fixture.MovieIds.Length]).ToArray();

        Assert.Equal(
            (true, 0.75, 0.3, false, true),
            (reloaded.Options.UserHistory, reloaded.Options.HistoryWeightExponent, reloaded.Options.HistoryDropout, reloaded.Options.FreeUserEmbedding, reloaded.Options.HistoryInMlp));
        Assert.Equal(model.Score(fixture.UserIds, movies), reloaded.Score(fixture.UserIds, movies));
        Assert.Equal(model.Recommend(fixture.UserIds, 3).MovieIdsAt(0).ToArray(), reloaded.Recommend(fixture.UserIds, 3).MovieIdsAt(0).ToArray());

        // Without the history table's weights the configuration no longer matches the folder.
        var configuration = Path.Combine(folder, "configuration.json");
        File.WriteAllLines(configuration, File.ReadAllLines(configuration).Where(l => !l.Contains("\"UserHistory\"")));
        Assert.Throws<InvalidDataException>(() => DeepNcf.Load(folder));
    }

    [Theory]
    [InlineData(-0.1, 0.0, "HistoryWeightExponent")]
    [InlineData(1.5, 0.0, "HistoryWeightExponent")]
    [InlineData(0.5, 1.0, "HistoryDropout")]
    [InlineData(0.5, -0.2, "HistoryDropout")]
    public void OutOfRangeHistoryOptionsNameTheParameter(double beta, double dropout, string option)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new DeepNcf(new DeepNcfOptions { UserHistory = true, HistoryWeightExponent = beta, HistoryDropout = dropout }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsUseHistoryVectorsAndThePresetsKeepTheFreeEmbeddings()
    {
        var defaults = new DeepNcfOptions();
        var fourth = DeepNcfOptions.FullSoftmaxFifthRound;
        var third = DeepNcfOptions.SampledSoftmaxThirdRound;

        Assert.Equal((true, false, true, 0.5, 0.5), (defaults.UserHistory, defaults.FreeUserEmbedding, defaults.HistoryInMlp, defaults.HistoryDropout, defaults.HistoryWeightExponent));
        Assert.Contains("history only, history in gmf+mlp β=0.5 drop=0.5", new DeepNcf().Name, StringComparison.Ordinal);
        Assert.Equal((false, true, false, 0.0), (fourth.UserHistory, fourth.FreeUserEmbedding, fourth.HistoryInMlp, fourth.HistoryDropout));
        Assert.Equal((false, 0.0), (third.UserHistory, third.HistoryDropout));
        Assert.DoesNotContain("history", new DeepNcf(fourth).Name, StringComparison.Ordinal);

        // Everything else of the fourth round's preset is today's default.
        Assert.Equal(
            (defaults.GmfDimension, defaults.MlpDimension, defaults.Loss, defaults.UsersPerBatch, defaults.UserWeightExponent, defaults.ItemBias, defaults.InitialScale),
            (fourth.GmfDimension, fourth.MlpDimension, fourth.Loss, fourth.UsersPerBatch, fourth.UserWeightExponent, fourth.ItemBias, fourth.InitialScale));
        Assert.Equal(defaults.HiddenSizes, fourth.HiddenSizes);
        Assert.Equal(defaults.Training, fourth.Training);
    }

    [Fact]
    public void AFolderSavedBeforeTheHistoryOptionsLoadsWithFreeEmbeddings()
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        var model = new DeepNcf(DeepNcfOptions.FullSoftmaxFifthRound with
        {
            GmfDimension = 4, MlpDimension = 2, HiddenSizes = [2], UsersPerBatch = 4, Training = new TrainingOptions { Epochs = 2 },
        });
        model.Fit(fixture.Train);
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "ncf");
        model.Save(folder);
        var configuration = Path.Combine(folder, "configuration.json");
        File.WriteAllLines(configuration, File.ReadAllLines(configuration).Where(l => !l.Contains("History") && !l.Contains("FreeUserEmbedding")));

        var legacy = DeepNcf.Load(folder);
        var movies = fixture.UserIds.Select(_ => fixture.MovieIds[2]).ToArray();

        Assert.Equal((false, true, false, 0.0), (legacy.Options.UserHistory, legacy.Options.FreeUserEmbedding, legacy.Options.HistoryInMlp, legacy.Options.HistoryDropout));
        Assert.Equal(model.Score(fixture.UserIds, movies), legacy.Score(fixture.UserIds, movies));
    }

    private static DeepNcfOptions HistoryOptions(int epochs, int seed) => new()
    {
        GmfDimension = 4, MlpDimension = 2, HiddenSizes = [2], InitialScale = 0.1, UsersPerBatch = 4,
        UserHistory = true, FreeUserEmbedding = true, HistoryInMlp = false, HistoryDropout = 0,
        Training = new TrainingOptions { Epochs = epochs, LearningRate = 0.01, WeightDecay = 0.01, Seed = seed },
    };

    /// <summary>A 3-movie, 2-d encoder with y_0 = (1, 0), y_1 = (0, 2), y_2 = (3, 3).</summary>
    private static UserHistoryEncoder Encoder(double beta, double dropout)
    {
        var encoder = new UserHistoryEncoder(3, 2, 0.1, beta, dropout);
        using (no_grad())
        {
            encoder.ItemWeights.copy_(tensor(new float[] { 1, 0, 0, 2, 3, 3 }).view(3, 2));
        }

        return encoder;
    }

    private static Tensor Parameter(NeuMfModule module, string name) =>
        module.named_parameters().Single(p => p.name == name).parameter.detach();
}

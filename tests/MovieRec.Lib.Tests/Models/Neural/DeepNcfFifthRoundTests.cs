using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Models.Neural;
using MovieRec.Training;
using static TorchSharp.torch;

namespace MovieRec.Tests.Models.Neural;

/// <summary>
/// The fifth round's DeepNcf options: a fixed logit scale, a fixed log-popularity prior and GMF alone (MLP
/// dimension 0) — their scores on hand-checkable modules, training with them, saving and loading, validation.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DeepNcfFifthRoundTests
{
    [Theory]
    [InlineData(2, 3, true, 1.0, false)]
    [InlineData(0, 3, true, 0.5, true)]
    [InlineData(2, 0, false, 2.0, true)]
    public void ScoreAllItemsEqualsPairScoresWithScalePriorAndWithoutTheMlpBranch(int mlpDimension, int hidden, bool itemBias, double scale, bool prior)
    {
        manual_seed(3);
        float[]? priorValues = prior ? [0.1f, -0.4f, 0.9f, 0f, 1.3f, 0.2f, -1f] : null;
        DeepNcfLossTests.AssertFactoredScoresEqualPairScores(
            new NeuMfModule(4, 7, 3, mlpDimension, hidden == 0 ? [] : [hidden], 0, 0.5, itemBias, scale, priorValues));
    }

    [Fact]
    public void TheScaleMultipliesTheLearnedLogitAndThePriorIsAddedAfterIt()
    {
        float[] prior = [0.5f, -1f, 2f];
        var plain = Module(scale: 1, prior: null);
        var scaled = Module(scale: 3, prior: prior);
        using (no_grad())
        {
            var users = tensor(new long[] { 0, 1, 1 });
            var items = tensor(new long[] { 0, 1, 2 });
            var expected = (plain.Score(users, items) * 3) + tensor(prior);

            Assert.True(scaled.Score(users, items).allclose(expected, rtol: 1e-5, atol: 1e-5), "scale·logit + prior expected");
        }

        Assert.DoesNotContain(scaled.named_parameters(), p => p.name.Contains("prior", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(plain.state_dict().Keys.Order(), scaled.state_dict().Keys.Order());
    }

    [Fact]
    public void ThePopularityPriorIsWeightTimesLogOnePlusTheTrainingCount()
    {
        // Movie 10: three ratings, 11: one, 12: two. Zero embeddings and a vanishing learning rate keep the learned
        // logit the same for every movie, so score differences are the prior's: w·(ln 4 − ln 2) and w·(ln 3 − ln 2).
        var ratings = new RatingsTable([1, 2, 3, 1, 2, 3], [10, 10, 10, 11, 12, 12], [4, 4, 4, 4, 4, 4], [1, 2, 3, 4, 5, 6]);
        var model = new DeepNcf(new DeepNcfOptions
        {
            GmfDimension = 2, MlpDimension = 0, InitialScale = 0, ItemBias = false, PopularityPrior = 0.7, LogitScale = 2,
            Training = new TrainingOptions { Epochs = 1, LearningRate = 1e-12 },
        });
        model.Fit(new TrainingData(ratings));

        var scores = model.Score([1, 1, 1], [10, 11, 12]);

        Assert.Equal(0.7 * (Math.Log(4) - Math.Log(2)), scores[0] - scores[1], 4);
        Assert.Equal(0.7 * (Math.Log(3) - Math.Log(2)), scores[2] - scores[1], 4);
        Assert.Contains("prior=0.7", model.Name, StringComparison.Ordinal);
        Assert.Contains("scale=2", model.Name, StringComparison.Ordinal);
        Assert.Contains("no mlp", model.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void GmfAloneGetsGradientsAndLearnsTheCheckerboard()
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        var model = new DeepNcf(new DeepNcfOptions
        {
            GmfDimension = 4, MlpDimension = 0, InitialScale = 0.1, UsersPerBatch = 4, LogitScale = 2, PopularityPrior = 0.3,
            Training = new TrainingOptions { Epochs = 150, LearningRate = 0.01, Seed = 3 },
        });

        model.Fit(fixture.Train);
        var top = model.Recommend(fixture.UserIds, 1);

        var hits = fixture.UserIds.Where((u, row) => top.MovieIdsAt(row)[0] == fixture.HeldOut[u]).Count();
        Assert.True(hits >= fixture.UserIds.Length * 0.8, $"{hits} of {fixture.UserIds.Length} users got their held-out movie first.");
        Assert.True(model.History!.Losses[^1] < model.History.Losses[0], "the loss did not fall");
    }

    [Fact]
    public void NewOptionsPersistAndAFolderSavedBeforeThemLoadsWithScaleOneAndNoPrior()
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        var model = new DeepNcf(new DeepNcfOptions
        {
            GmfDimension = 4, MlpDimension = 0, LogitScale = 2, PopularityPrior = 0.5, NormalizeGmf = true,
            Training = new TrainingOptions { Epochs = 2 },
        });
        model.Fit(fixture.Train);
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "ncf");
        model.Save(folder);

        var reloaded = DeepNcf.Load(folder);
        Assert.Equal((0, 2.0, 0.5, true), (reloaded.Options.MlpDimension, reloaded.Options.LogitScale, reloaded.Options.PopularityPrior, reloaded.Options.NormalizeGmf));
        Assert.Equal(model.Score(fixture.UserIds, fixture.UserIds.Select(_ => fixture.MovieIds[0]).ToArray()),
            reloaded.Score(fixture.UserIds, fixture.UserIds.Select(_ => fixture.MovieIds[0]).ToArray()));

        // A folder written before the options existed has no lines for them: its model had neither.
        var configuration = Path.Combine(folder, "configuration.json");
        File.WriteAllLines(configuration, File.ReadAllLines(configuration)
            .Where(l => !l.Contains("\"LogitScale\"") && !l.Contains("\"PopularityPrior\"") && !l.Contains("\"NormalizeGmf\"")));

        var legacy = DeepNcf.Load(folder);
        Assert.Equal((1.0, 0.0, false), (legacy.Options.LogitScale, legacy.Options.PopularityPrior, legacy.Options.NormalizeGmf));
    }

    [Theory]
    [InlineData(0.0, 0.0, 8, "LogitScale")]
    [InlineData(double.PositiveInfinity, 0.0, 8, "LogitScale")]
    [InlineData(1.0, -0.5, 8, "PopularityPrior")]
    [InlineData(1.0, 0.0, -1, "MlpDimension")]
    public void OutOfRangeNewOptionsNameTheParameter(double scale, double prior, int mlpDimension, string option)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new DeepNcf(new DeepNcfOptions { LogitScale = scale, PopularityPrior = prior, MlpDimension = mlpDimension }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CosineGmfScoresAreBoundedByTheOutputWeightsAndMatchTheFactoredScorer()
    {
        manual_seed(4);
        var module = new NeuMfModule(3, 5, 4, 0, [], 0, 0.5, itemBias: false, logitScale: 1, normalizeGmf: true);
        module.eval();
        using (no_grad())
        {
            foreach (var (_, parameter) in module.named_parameters())
            {
                parameter.normal_(0, 3);
            }

            var users = tensor(new long[] { 0, 1, 2 });
            var all = module.ScoreAllItems(users);
            var pairs = module.Score(users.repeat_interleave(5), arange(5, dtype: ScalarType.Int64).repeat(3)).view(3, 5);
            var bound = Parameter(module, "output.weight").abs().max().item<float>() + Parameter(module, "output.bias").abs().item<float>();

            Assert.True(all.allclose(pairs, rtol: 1e-5, atol: 1e-5), "factored scores differ from pair scores");
            // |Σ_k h_k p_k q_k| ≤ max|h|·Σ|p_k q_k| ≤ max|h| for unit p and q.
            Assert.True(all.abs().max().item<float>() <= bound + 1e-5, "unit rows should bound the GMF term by max |h|");
        }
    }

    [Fact]
    public void GmfDropoutActsOnlyWhileTrainingAndAddsNoWeights()
    {
        manual_seed(5);
        var module = new NeuMfModule(3, 4, 8, 2, [4], 0, 0.5, itemBias: true, gmfDropout: 0.5);
        var users = tensor(new long[] { 0, 1, 2 });
        using (no_grad())
        {
            module.train();
            var first = module.ScoreAllItems(users);
            var second = module.ScoreAllItems(users);
            module.eval();
            var evaluated = module.ScoreAllItems(users);

            Assert.False(first.allclose(second), "training-mode scores should differ between dropout draws");
            Assert.True(evaluated.allclose(module.ScoreAllItems(users)), "evaluation-mode scores must be deterministic");
        }

        Assert.Equal(Module(1, null).state_dict().Keys.Order(), module.state_dict().Keys.Order());
    }

    [Fact]
    public void InitialiseGmfFromCopiesTheGmfBranchAndWeighsTheOutputsByAlpha()
    {
        manual_seed(8);
        var gmfAlone = new NeuMfModule(2, 3, 3, 0, [], 0, 0.5, itemBias: true);
        var neuMf = new NeuMfModule(2, 3, 3, 2, [4], 0, 0.5, itemBias: true);
        var before = Parameter(neuMf, "output.weight").clone();

        neuMf.InitialiseGmfFrom(gmfAlone, 0.25);

        foreach (var name in new[] { "gmf_user.weight", "gmf_item.weight", "item_bias.weight", "output.bias" })
        {
            Assert.True(Parameter(neuMf, name).equal(Parameter(gmfAlone, name)).all().item<bool>(), $"{name} not copied");
        }

        var output = Parameter(neuMf, "output.weight");
        Assert.True(output.narrow(1, 0, 3).allclose(Parameter(gmfAlone, "output.weight") * 0.25), "GMF output weights should be α times the pre-trained ones");
        Assert.True(output.narrow(1, 3, 4).allclose(before.narrow(1, 3, 4) * 0.75), "MLP output weights should be scaled by 1 − α");
        Assert.Throws<ArgumentException>(() => neuMf.InitialiseGmfFrom(new NeuMfModule(2, 3, 3, 2, [4], 0, 0.5, itemBias: true), 0.5));
    }

    [Fact]
    public void GmfPretrainingChangesTrainingAndIsDeterministic()
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        DeepNcf Train(int pretrainEpochs)
        {
            var model = new DeepNcf(new DeepNcfOptions
            {
                GmfDimension = 4, MlpDimension = 2, HiddenSizes = [2], UsersPerBatch = 4, GmfPretrainEpochs = pretrainEpochs,
                Training = new TrainingOptions { Epochs = 3, LearningRate = 0.01, Seed = 3 },
            });
            model.Fit(fixture.Train);
            return model;
        }

        var plain = Train(0);
        var first = Train(5);
        var second = Train(5);

        Assert.Equal(first.History!.Losses, second.History!.Losses);
        Assert.NotEqual(plain.History!.Losses[0], first.History.Losses[0]);
    }

    [Theory]
    [InlineData(-1, 0.5, 0.0, "GmfPretrainEpochs")]
    [InlineData(0, 1.5, 0.0, "PretrainAlpha")]
    [InlineData(0, 0.5, 1.0, "GmfDropout")]
    public void OutOfRangeTrainingOptionsNameTheParameter(int pretrainEpochs, double alpha, double gmfDropout, string option)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new DeepNcf(new DeepNcfOptions { GmfPretrainEpochs = pretrainEpochs, PretrainAlpha = alpha, GmfDropout = gmfDropout }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    private static Tensor Parameter(NeuMfModule module, string name) =>
        module.named_parameters().Single(p => p.name == name).parameter.detach();

    /// <summary>A 2-user, 3-movie NeuMF whose parameters are the same for the same seed, whatever the scale and prior.</summary>
    private static NeuMfModule Module(double scale, float[]? prior)
    {
        manual_seed(11);
        var module = new NeuMfModule(2, 3, 3, 2, [4], 0, 0.5, itemBias: true, logitScale: scale, itemPrior: prior);
        module.eval();
        return module;
    }
}

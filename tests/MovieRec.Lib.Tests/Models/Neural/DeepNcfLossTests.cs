using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Models.Neural;
using MovieRec.Training;
using static TorchSharp.torch;

namespace MovieRec.Tests.Models.Neural;

/// <summary>
/// The pieces DeepNcf's quality work added: the three losses on hand-checkable logits, per-user weighting,
/// the factored all-items scorer used by validation, and the new options' validation.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DeepNcfLossTests
{
    /// <summary>
    /// With zero embeddings and no tower every logit equals the output bias b, so the losses are known:
    /// sampled softmax ln(1 + N), BPR ln 2, BCE (softplus(−b) + N·softplus(b)) / (1 + N) — whatever the
    /// per-user weights, which average to 1.
    /// </summary>
    [Theory]
    [InlineData(DeepNcfLoss.SampledSoftmax, 0.0)]
    [InlineData(DeepNcfLoss.Bpr, 0.0)]
    [InlineData(DeepNcfLoss.BinaryCrossEntropy, 0.0)]
    [InlineData(DeepNcfLoss.SampledSoftmax, 1.0)]
    [InlineData(DeepNcfLoss.BinaryCrossEntropy, 0.5)]
    public void LossOfEqualLogitsIsTheKnownConstant(DeepNcfLoss loss, double userWeightExponent)
    {
        const int negatives = 3;
        var (module, seen) = TinyProblem(initialScale: 0, hiddenSizes: []);
        using var task = new ImplicitTrainingTask(module, seen, null, UniformDraws(negatives, loss, userWeightExponent));
        using var generator = new Generator(5);

        var value = task.ComputeLoss(new TrainingBatch(arange(task.ExampleCount, dtype: ScalarType.Int64), generator, 1, 1)).item<float>();

        var b = BiasOf(module);
        var expected = loss switch
        {
            DeepNcfLoss.SampledSoftmax => Math.Log(1 + negatives),
            DeepNcfLoss.Bpr => Math.Log(2),
            _ => (Softplus(-b) + (negatives * Softplus(b))) / (1 + negatives),
        };
        Assert.Equal(expected, value, 5);
    }

    [Fact]
    public void UserWeightsShiftTheLossTowardsLightUsers()
    {
        // User 1 has 4 movies, user 2 has 1; only user 2's movie scores high (bias 5), so user 2's positive is
        // easy (sampled-softmax loss ≈ 6.0 against 2,000 draws, a fifth of them that movie) and user 1's are
        // hard (≈ 11.0). Unweighted mean ≈ (4·11.0 + 6.0) / 5 = 10.0; with n_u^-1 (weights 0.625 and 2.5)
        // ≈ (0.625·4·11.0 + 2.5·6.0) / 5 = 8.5.
        var (module, seen) = TinyProblem(initialScale: 0, hiddenSizes: [], itemBias: true);
        using (no_grad())
        {
            var bias = module.named_parameters().Single(p => p.name == "item_bias.weight").parameter;
            bias[4, 0] = tensor(5f);
        }

        float LossWith(double exponent)
        {
            using var task = new ImplicitTrainingTask(module, seen, null, UniformDraws(2000, DeepNcfLoss.SampledSoftmax, exponent));
            using var generator = new Generator(5);
            return task.ComputeLoss(new TrainingBatch(arange(task.ExampleCount, dtype: ScalarType.Int64), generator, 1, 1)).item<float>();
        }

        Assert.InRange(LossWith(0.0), 9.5, 10.5);
        Assert.InRange(LossWith(1.0), 8.0, 9.0);
    }

    /// <summary>
    /// Full softmax on the tiny problem (5 movies): with equal logits every positive costs ln 5, whatever the weights.
    /// With movie 14 (user 2's only movie) at bias 5 and the rest 0, user 1's four positives each cost
    /// L1 = ln(4 + e⁵) and user 2's costs L2 = L1 − 5; unweighted the loss is (4·L1 + L2) / 5, with n_u^−1 (every
    /// user counting the same) it is (L1 + L2) / 2.
    /// </summary>
    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(false, 1.0)]
    [InlineData(true, 0.0)]
    [InlineData(true, 1.0)]
    public void FullSoftmaxLossIsTheKnownMultinomialLikelihood(bool skewed, double userWeightExponent)
    {
        var (module, seen) = TinyProblem(initialScale: 0, hiddenSizes: [], itemBias: true);
        if (skewed)
        {
            using var _ = no_grad();
            var bias = module.named_parameters().Single(p => p.name == "item_bias.weight").parameter;
            bias[4, 0] = tensor(5f);
        }

        var options = new DeepNcfOptions { Loss = DeepNcfLoss.FullSoftmax, UserWeightExponent = userWeightExponent, EmbeddingRegularization = 0 };
        using var task = new FullSoftmaxTrainingTask(module, seen, null, options);
        using var generator = new Generator(5);

        var value = task.ComputeLoss(new TrainingBatch(tensor(new long[] { 1, 0 }), generator, 1, 1)).item<float>();

        var l1 = Math.Log(4 + Math.Exp(5));
        var l2 = l1 - 5;
        var expected = !skewed ? Math.Log(5) : userWeightExponent == 0 ? ((4 * l1) + l2) / 5 : (l1 + l2) / 2;
        Assert.Equal(2, task.ExampleCount);
        Assert.Equal(expected, value, 4);
    }

    [Fact]
    public void FullSoftmaxGradientReachesEveryBranch()
    {
        var (module, seen) = TinyProblem(initialScale: 0.3, hiddenSizes: [3], itemBias: true);
        using var task = new FullSoftmaxTrainingTask(module, seen, null, new DeepNcfOptions { Loss = DeepNcfLoss.FullSoftmax, EmbeddingRegularization = 0.1 });
        using var generator = new Generator(5);

        task.ComputeLoss(new TrainingBatch(tensor(new long[] { 0, 1 }), generator, 1, 1)).backward();

        Assert.All(module.named_parameters(), p =>
            Assert.True(p.parameter.grad is { } g && g.abs().sum().item<float>() > 0, $"{p.name} got no gradient"));
    }

    /// <summary>The task's settings with uniformly drawn negatives (the known answers above assume them) and no penalty.</summary>
    private static DeepNcfOptions UniformDraws(int negatives, DeepNcfLoss loss, double userWeightExponent) => new()
    {
        NegativesPerPositive = negatives, Loss = loss, UserWeightExponent = userWeightExponent,
        NegativeSamplingExponent = 0, EmbeddingRegularization = 0, ValidationCutoff = 10, ValidationUsers = int.MaxValue,
    };

    [Theory]
    [InlineData(true, new[] { 6, 3 })]
    [InlineData(false, new[] { 5 })]
    [InlineData(true, new int[0])]
    public void ScoreAllItemsEqualsPairScores(bool itemBias, int[] hiddenSizes)
    {
        manual_seed(3);
        AssertFactoredScoresEqualPairScores(new NeuMfModule(4, 7, 3, 2, hiddenSizes, 0, 0.5, itemBias));
    }

    /// <summary>
    /// With random N(0, 0.7²) parameters, <see cref="NeuMfModule.ScoreAllItems"/> of users 2, 0, 3 over the module's 7
    /// movies equals <see cref="NeuMfModule.Score"/> of the same 21 pairs (within 1e-5).
    /// </summary>
    internal static void AssertFactoredScoresEqualPairScores(NeuMfModule module)
    {
        module.eval();
        using (no_grad())
        {
            foreach (var (_, parameter) in module.named_parameters())
            {
                parameter.normal_(0, 0.7);
            }

            var users = tensor(new long[] { 2, 0, 3 });
            var all = module.ScoreAllItems(users);
            var pairs = module.Score(users.repeat_interleave(7), arange(7, dtype: ScalarType.Int64).repeat(3)).view(3, 7);

            Assert.Equal([3L, 7L], all.shape);
            Assert.True(all.allclose(pairs, rtol: 1e-5, atol: 1e-5), "factored scores differ from pair scores");
        }
    }

    [Theory]
    [InlineData(DeepNcfLoss.SampledSoftmax)]
    [InlineData(DeepNcfLoss.Bpr)]
    [InlineData(DeepNcfLoss.FullSoftmax)]
    public void EveryLossLearnsTheCheckerboardBlocks(DeepNcfLoss loss)
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        var model = new DeepNcf(new DeepNcfOptions
        {
            GmfDimension = 4, MlpDimension = 4, HiddenSizes = [8], InitialScale = 0.1, NegativesPerPositive = 4, Loss = loss,
            ItemBias = true, UserWeightExponent = 0.5, ValidationFraction = 0, UsersPerBatch = 4,
            Training = new TrainingOptions { Epochs = 150, BatchSize = 16, LearningRate = 0.01, Seed = 3 },
        });

        model.Fit(fixture.Train);
        var top = model.Recommend(fixture.UserIds, 1);

        var hits = fixture.UserIds.Where((u, row) => top.MovieIdsAt(row)[0] == fixture.HeldOut[u]).Count();
        Assert.True(hits >= fixture.UserIds.Length * 0.8, $"{hits} of {fixture.UserIds.Length} users got their held-out movie first.");
    }

    [Fact]
    public void NewOptionsAreValidated()
    {
        var tooHeavy = Assert.Throws<ArgumentException>(() => new DeepNcf(new DeepNcfOptions { UserWeightExponent = 1.5 }));
        var unknownLoss = Assert.Throws<ArgumentException>(() => new DeepNcf(new DeepNcfOptions { Loss = (DeepNcfLoss)99 }));
        var noUsers = Assert.Throws<ArgumentException>(() => new DeepNcf(new DeepNcfOptions { UsersPerBatch = 0 }));

        Assert.Equal("options", tooHeavy.ParamName);
        Assert.Contains("UserWeightExponent", tooHeavy.Message, StringComparison.Ordinal);
        Assert.Contains("loss", unknownLoss.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("options", noUsers.ParamName);
        Assert.Contains("UsersPerBatch", noUsers.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsAreTheFullSoftmaxAndThePresetKeepsTheThirdRoundsSampledSoftmax()
    {
        var defaults = new DeepNcfOptions();
        var third = DeepNcfOptions.SampledSoftmaxThirdRound;

        Assert.Equal(DeepNcfLoss.FullSoftmax, defaults.Loss);
        Assert.Contains("users/batch=16", new DeepNcf().Name, StringComparison.Ordinal);
        Assert.Equal(DeepNcfLoss.SampledSoftmax, third.Loss);
        Assert.Equal((32, 32), (third.GmfDimension, third.MlpDimension));
        Assert.Equal([64, 32, 16], third.HiddenSizes);
        Assert.Equal((16, 5e-3, 1e-4), (third.Training.Epochs, third.Training.LearningRate, third.Training.WeightDecay));
        Assert.Contains("neg=8", new DeepNcf(third).Name, StringComparison.Ordinal);
    }

    [Fact]
    public void NameShowsLossAndItemBias()
    {
        var name = new DeepNcf(new DeepNcfOptions { Loss = DeepNcfLoss.Bpr, ItemBias = true }).Name;

        Assert.Contains("loss=Bpr", name, StringComparison.Ordinal);
        Assert.Contains("item bias", name, StringComparison.Ordinal);
    }

    /// <summary>Users 1 (movies 10–13) and 2 (movie 14).</summary>
    private static (NeuMfModule Module, SeenItems Seen) TinyProblem(double initialScale, int[] hiddenSizes, bool itemBias = false)
    {
        var ratings = new RatingsTable([1, 1, 1, 1, 2], [10, 11, 12, 13, 14], [4, 4, 4, 4, 4], [1, 2, 3, 4, 5]);
        var data = new TrainingData(ratings);
        manual_seed(1);
        var module = new NeuMfModule(data.UserVocabulary.Count, data.ItemVocabulary.Count, 2, 2, hiddenSizes, 0, initialScale, itemBias);
        return (module, data.SeenItems);
    }

    private static double BiasOf(NeuMfModule module) =>
        module.named_parameters().Single(p => p.name == "output.bias").parameter.item<float>();

    private static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
}

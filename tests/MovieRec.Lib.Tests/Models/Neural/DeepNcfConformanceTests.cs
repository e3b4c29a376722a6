using MovieRec.Models;
using MovieRec.Models.Neural;
using MovieRec.Tests.Conformance;
using MovieRec.Training;

namespace MovieRec.Tests.Models.Neural;

/// <summary>
/// The conformance suite on DeepNcf with a small, fast configuration and a sampled loss (the third round's default):
/// implicit feedback with sampled negatives learns the blocks, so the full known-answer requirements apply.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DeepNcfConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new DeepNcf(new DeepNcfOptions
    {
        GmfDimension = 4,
        MlpDimension = 4,
        HiddenSizes = [8],
        InitialScale = 0.1,
        NegativesPerPositive = 4,
        Loss = DeepNcfLoss.SampledSoftmax,
        ValidationFraction = 0,
        Training = new TrainingOptions { Epochs = 150, BatchSize = 16, LearningRate = 0.01, Seed = 3 },
    });

    /// <summary>Batched matrix products may round the last bits differently from one-row products.</summary>
    protected override float ScoreTolerance => 1e-4f;
}

using MovieRec.Models;
using MovieRec.Models.Neural;
using MovieRec.Tests.Conformance;
using MovieRec.Training;

namespace MovieRec.Tests.Models.Neural;

/// <summary>
/// The conformance suite on DeepNcf with its default loss, the full-catalogue softmax (<see cref="DeepNcfLoss.FullSoftmax"/>),
/// and its default user vectors, history vectors with dropout (<see cref="DeepNcfOptions.UserHistory"/>), in a small, fast
/// configuration: the full known-answer requirements apply.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DeepNcfFullSoftmaxConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new DeepNcf(new DeepNcfOptions
    {
        GmfDimension = 4,
        MlpDimension = 4,
        HiddenSizes = [8],
        InitialScale = 0.1,
        Loss = DeepNcfLoss.FullSoftmax,
        UsersPerBatch = 4,
        ValidationFraction = 0,
        Training = new TrainingOptions { Epochs = 100, LearningRate = 0.01, Seed = 3 },
    });

    /// <summary>Batched matrix products may round the last bits differently from one-row products.</summary>
    protected override float ScoreTolerance => 1e-4f;
}

using MovieRec.Models;
using MovieRec.Models.Neural;
using MovieRec.Tests.Conformance;
using MovieRec.Training;

namespace MovieRec.Tests.Models.Neural;

/// <summary>
/// The conformance suite on DeepNcf with the fourth round's free user embeddings (<see cref="DeepNcfOptions.FullSoftmaxFifthRound"/>,
/// history vectors off) in a small, fast configuration; <see cref="DeepNcfFullSoftmaxConformanceTests"/> runs the
/// defaults' history vectors. The full known-answer requirements apply.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DeepNcfFreeEmbeddingConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new DeepNcf(DeepNcfOptions.FullSoftmaxFifthRound with
    {
        GmfDimension = 4,
        MlpDimension = 4,
        HiddenSizes = [8],
        InitialScale = 0.1,
        UsersPerBatch = 4,
        Training = new TrainingOptions { Epochs = 100, LearningRate = 0.01, Seed = 3 },
    });

    /// <summary>Batched matrix products may round the last bits differently from one-row products.</summary>
    protected override float ScoreTolerance => 1e-4f;
}

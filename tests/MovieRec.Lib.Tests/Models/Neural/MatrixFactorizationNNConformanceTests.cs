using MovieRec.Models;
using MovieRec.Models.Neural;
using MovieRec.Tests.Conformance;
using MovieRec.Training;

namespace MovieRec.Tests.Models.Neural;

/// <summary>
/// The conformance suite on MatrixFactorizationNN, small and fast: no validation carve-out (the checkerboard
/// is too small to spare ratings), a few factors, enough epochs to fit 42 ratings.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class MatrixFactorizationNNConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new MatrixFactorizationNN(new MatrixFactorizationNNOptions
    {
        Factors = 4,
        Regularization = 0.01,
        ValidationFraction = 0,
        Training = new TrainingOptions { Epochs = 200, BatchSize = 16, LearningRate = 0.02, Seed = 3 },
    });

    /// <summary>
    /// A rating model learns only from observed cells: nothing tells it that a group-A user would rate the
    /// unseen A movie above the unseen B movies (it never saw anyone rate across blocks), so its top-1 among
    /// unseen movies is the held-out one only by the way the factors happen to extend. It must still do as
    /// well as popularity does on this fixture (the larger group right).
    /// </summary>
    protected override double MinimumCheckerboardHitRate => 0.5;

    /// <summary>Batched matrix products may round the last bits differently from one-row products.</summary>
    protected override float ScoreTolerance => 1e-4f;
}

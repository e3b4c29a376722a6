using MovieRec.Models;
using MovieRec.Models.TwoTower;
using MovieRec.Tests.Conformance;
using MovieRec.Training;

namespace MovieRec.Tests.Models.TwoTower;

/// <summary>The whole <see cref="IRecommender"/> contract on a small, fast two-tower configuration.</summary>
[Collection(TorchCollection.Name)]
public sealed class TwoTowerConformanceTests : RecommenderConformanceTests
{
    /// <summary>Small towers, no validation carve-out (the fixture is tiny), enough steps to separate the blocks.</summary>
    internal static TwoTowerOptions SmallOptions => new()
    {
        EmbeddingDimension = 16,
        HiddenSizes = [32],
        HistorySampleSize = 8,
        UseUserIdEmbedding = false,
        ValidationFraction = 0,
        Temperature = 0.1,
        Training = new TrainingOptions { Epochs = 30, BatchSize = 64, LearningRate = 0.01, Seed = 11 },
    };

    protected override IRecommender CreateModel() => new TwoTowerRecommender(SmallOptions);

    protected override CheckerboardFixture CreateFixture() => CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
}

using MovieRec.Models;
using MovieRec.Models.Ranking;
using MovieRec.Tests.Conformance;
using MovieRec.Training;

namespace MovieRec.Tests.Models.Ranking;

/// <summary>The conformance suite on RankingModel with a small, fast configuration and no validation carve-out.</summary>
[Collection(TorchCollection.Name)]
public sealed class RankingModelConformanceTests : RecommenderConformanceTests
{
    /// <summary>Small embeddings and MLP; the fixture's genres (Comedy / Drama) feed the genre embedding.</summary>
    internal static RankingModelOptions SmallOptions => new()
    {
        EmbeddingDimension = 4,
        GenreEmbeddingDimension = 2,
        YearEmbeddingDimension = 2,
        HiddenSizes = [8],
        Dropout = 0,
        Regularization = 0.01,
        ValidationFraction = 0,
        Training = new TrainingOptions { Epochs = 200, BatchSize = 16, LearningRate = 0.02, Seed = 3 },
    };

    protected override IRecommender CreateModel() => new RankingModel(SmallOptions);

    /// <summary>As for the other rating models: no signal about unobserved cells, so only popularity-level top-1 accuracy is required.</summary>
    protected override double MinimumCheckerboardHitRate => 0.5;

    /// <summary>Batched matrix products may round the last bits differently from one-row products.</summary>
    protected override float ScoreTolerance => 1e-4f;
}

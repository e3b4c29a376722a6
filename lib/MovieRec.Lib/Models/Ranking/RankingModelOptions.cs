using MovieRec.Models.Neural;
using MovieRec.Training;

namespace MovieRec.Models.Ranking;

/// <summary>
/// Settings of <see cref="RankingModel"/>. Defaults were chosen on a validation split carved from the
/// training part of ml-latest-small's 80/20 random split (docs/ranking.md) and train in well under two
/// minutes on two cores. Architecture fields (dimensions, <see cref="HiddenSizes"/>,
/// <see cref="UseDotProduct"/>, <see cref="YearBucketWidth"/>) must match a saved model's weights.
/// </summary>
public sealed record RankingModelOptions : INeuralModelOptions
{
    /// <summary>Size of the user and the movie id embedding. Default 32.</summary>
    public int EmbeddingDimension { get; init; } = 32;

    /// <summary>Size of each genre embedding (a movie gets the mean over its genres). Default 16.</summary>
    public int GenreEmbeddingDimension { get; init; } = 16;

    /// <summary>Size of the release-year-bucket embedding; 0 leaves the year out. Default 16.</summary>
    public int YearEmbeddingDimension { get; init; } = 16;

    /// <summary>Years per release-year bucket. Default 5.</summary>
    public int YearBucketWidth { get; init; } = 5;

    /// <summary>Hidden widths of the ReLU MLP (its input is the concatenated embeddings, its output the interaction term). Default [128, 64].</summary>
    public int[] HiddenSizes { get; init; } = [128, 64];

    /// <summary>
    /// Add the matrix-factorisation term p_u · q_i to the MLP's output. Default false: on the validation split
    /// it made RMSE worse (0.8657 with it vs 0.8610 without, other settings equal).
    /// </summary>
    public bool UseDotProduct { get; init; }

    /// <summary>Dropout after each hidden layer during training. Default 0.2.</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>Standard deviation of the initial embeddings. Default 0.1.</summary>
    public double InitialScale { get; init; } = 0.1;

    /// <summary>λ of the per-example L2 penalty on the batch's user/movie embeddings and biases. Default 0.05.</summary>
    public double Regularization { get; init; } = 0.05;

    /// <summary>Training loop settings. Default: ≤ 40 epochs, batch 1024, Adam at 0.003 with cosine decay, patience 3.</summary>
    public TrainingOptions Training { get; init; } = new()
    {
        Epochs = 40,
        BatchSize = 1024,
        LearningRate = 3e-3,
        Optimizer = OptimizerKind.Adam,
        Patience = 3,
    };

    /// <summary>Share of training ratings held out (randomly) for early stopping on RMSE. Default 0.05.</summary>
    public double ValidationFraction { get; init; } = 0.05;

    /// <summary>Seed of the validation carve-out. Default 7.</summary>
    public int ValidationSeed { get; init; } = 7;

    /// <inheritdoc/>
    public void Validate(string parameterName = "options")
    {
        NeuralLayers.Require(EmbeddingDimension >= 1, "EmbeddingDimension must be at least 1", parameterName);
        NeuralLayers.Require(GenreEmbeddingDimension >= 1, "GenreEmbeddingDimension must be at least 1", parameterName);
        NeuralLayers.Require(YearEmbeddingDimension >= 0, "YearEmbeddingDimension must be zero or positive", parameterName);
        NeuralLayers.Require(YearBucketWidth >= 1, "YearBucketWidth must be at least 1", parameterName);
        NeuralLayers.Require(HiddenSizes is not null && HiddenSizes.All(h => h >= 1), "HiddenSizes must be a list of positive widths", parameterName);
        NeuralLayers.Require(Dropout is >= 0 and < 1, "Dropout must be in [0, 1)", parameterName);
        NeuralLayers.Require(InitialScale >= 0 && double.IsFinite(InitialScale), "InitialScale must be zero or positive", parameterName);
        NeuralLayers.Require(Regularization >= 0 && double.IsFinite(Regularization), "Regularization must be zero or positive", parameterName);
        NeuralLayers.Require(ValidationFraction is >= 0 and < 1, "ValidationFraction must be in [0, 1)", parameterName);
        NeuralLayers.Require(Training is not null, "Training must not be null", parameterName);
        Training!.Validate(parameterName);
    }
}

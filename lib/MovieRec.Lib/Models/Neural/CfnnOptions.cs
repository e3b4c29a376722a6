using MovieRec.Training;

namespace MovieRec.Models.Neural;

/// <summary>
/// Settings of <see cref="Cfnn"/>. Defaults were tuned on ml-latest-small's 80/20 random split (validation
/// share carved from the training part; docs/alternative-models.md). Architecture fields
/// (<see cref="EmbeddingDimension"/>, <see cref="HiddenSizes"/>) must match a saved model's weights.
/// </summary>
public sealed record CfnnOptions : INeuralModelOptions
{
    /// <summary>Size of the user and the movie embedding (the MLP input is twice this). Default 32.</summary>
    public int EmbeddingDimension { get; init; } = 32;

    /// <summary>Hidden widths of the ReLU MLP. Default [64, 32].</summary>
    public int[] HiddenSizes { get; init; } = [64, 32];

    /// <summary>Dropout after each hidden layer during training. Default 0.2.</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>Standard deviation of the initial embeddings. Default 0.1.</summary>
    public double InitialScale { get; init; } = 0.1;

    /// <summary>λ of the per-example L2 penalty on the batch's embeddings and biases. Default 0.05.</summary>
    public double Regularization { get; init; } = 0.05;

    /// <summary>Training loop settings. Default: 40 epochs, batch 1024, Adam at 0.003 with cosine decay, patience 3.</summary>
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
        NeuralLayers.Require(HiddenSizes is not null && HiddenSizes.All(h => h >= 1), "HiddenSizes must be a list of positive widths", parameterName);
        NeuralLayers.Require(Dropout is >= 0 and < 1, "Dropout must be in [0, 1)", parameterName);
        NeuralLayers.Require(InitialScale >= 0 && double.IsFinite(InitialScale), "InitialScale must be zero or positive", parameterName);
        NeuralLayers.Require(Regularization >= 0 && double.IsFinite(Regularization), "Regularization must be zero or positive", parameterName);
        NeuralLayers.Require(ValidationFraction is >= 0 and < 1, "ValidationFraction must be in [0, 1)", parameterName);
        NeuralLayers.Require(Training is not null, "Training must not be null", parameterName);
        Training!.Validate(parameterName);
    }
}

using MovieRec.Training;

namespace MovieRec.Models.Neural;

/// <summary>
/// Settings of <see cref="MatrixFactorizationNN"/>. Defaults were tuned on ml-latest-small's 80/20 random
/// split (validation share carved from the training part; docs/alternative-models.md) and train in a few
/// seconds on two cores.
/// </summary>
public sealed record MatrixFactorizationNNOptions : INeuralModelOptions
{
    /// <summary>Latent dimension d of p_u and q_i. Default 64.</summary>
    public int Factors { get; init; } = 64;

    /// <summary>Standard deviation of the initial factors (Surprise: 0.1). Default 0.1.</summary>
    public double InitialScale { get; init; } = 0.1;

    /// <summary>λ of the per-example L2 penalty on the batch's factors and biases. Default 0.05.</summary>
    public double Regularization { get; init; } = 0.05;

    /// <summary>
    /// Training loop settings. Default: 40 epochs, batch 1024, Adam at 0.005 with cosine decay, no weight decay
    /// (the penalty above regularises), patience 3 on validation RMSE.
    /// </summary>
    public TrainingOptions Training { get; init; } = new()
    {
        Epochs = 40,
        BatchSize = 1024,
        LearningRate = 5e-3,
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
        NeuralLayers.Require(Factors >= 1, "Factors must be at least 1", parameterName);
        NeuralLayers.Require(InitialScale >= 0 && double.IsFinite(InitialScale), "InitialScale must be zero or positive", parameterName);
        NeuralLayers.Require(Regularization >= 0 && double.IsFinite(Regularization), "Regularization must be zero or positive", parameterName);
        NeuralLayers.Require(ValidationFraction is >= 0 and < 1, "ValidationFraction must be in [0, 1)", parameterName);
        NeuralLayers.Require(Training is not null, "Training must not be null", parameterName);
        Training!.Validate(parameterName);
    }
}

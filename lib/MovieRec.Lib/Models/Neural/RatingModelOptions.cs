using MovieRec.Training;

namespace MovieRec.Models.Neural;

/// <summary>
/// What the options of the rating models (<see cref="MatrixFactorizationNN"/>, <see cref="Cfnn"/> and
/// <see cref="Ranking.RankingModel"/>) share: embedding initialisation, the per-example L2 penalty, the training
/// loop and the random validation carve-out used for early stopping on RMSE. The derived records add their
/// architecture and check it in <see cref="ValidateArchitecture"/>.
/// </summary>
/// <remarks>
/// The three models were tuned separately and landed on the same values for these fields (docs/alternative-models.md,
/// docs/ranking.md); a derived record that needs another default sets it in its constructor
/// (<see cref="MatrixFactorizationNNOptions"/> uses learning rate 0.005).
/// </remarks>
public abstract record RatingModelOptions : INeuralModelOptions
{
    /// <summary>Standard deviation of the initial embeddings (Surprise: 0.1). Default 0.1.</summary>
    public double InitialScale { get; init; } = 0.1;

    /// <summary>λ of the per-example L2 penalty on the batch's embeddings and biases. Default 0.05.</summary>
    public double Regularization { get; init; } = 0.05;

    /// <summary>
    /// Training loop settings. Default: ≤ 40 epochs, batch 1024, Adam at 0.003 with cosine decay, no weight decay
    /// (the penalty above regularises), patience 3 on validation RMSE.
    /// </summary>
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
        ValidateArchitecture(parameterName);
        NeuralLayers.Require(InitialScale >= 0 && double.IsFinite(InitialScale), "InitialScale must be zero or positive", parameterName);
        NeuralLayers.Require(Regularization >= 0 && double.IsFinite(Regularization), "Regularization must be zero or positive", parameterName);
        NeuralLayers.Require(ValidationFraction is >= 0 and < 1, "ValidationFraction must be in [0, 1)", parameterName);
        NeuralLayers.Require(Training is not null, "Training must not be null", parameterName);
        Training!.Validate(parameterName);
    }

    /// <summary>Checks the derived record's own fields; throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/>.</summary>
    protected abstract void ValidateArchitecture(string parameterName);
}

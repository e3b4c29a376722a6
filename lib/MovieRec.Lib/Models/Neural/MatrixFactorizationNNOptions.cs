namespace MovieRec.Models.Neural;

/// <summary>
/// Settings of <see cref="MatrixFactorizationNN"/>. Defaults were tuned on ml-latest-small's 80/20 random
/// split (validation share carved from the training part; docs/alternative-models.md) and train in a few
/// seconds on two cores. The initialisation, penalty and validation settings are
/// <see cref="RatingModelOptions"/>'s defaults; the training default differs in the learning rate:
/// ≤ 40 epochs, batch 1024, Adam at <b>0.005</b> with cosine decay, no weight decay, patience 3.
/// </summary>
public sealed record MatrixFactorizationNNOptions : RatingModelOptions
{
    /// <summary>Creates the default settings (the learning rate of the training settings is 0.005).</summary>
    public MatrixFactorizationNNOptions()
    {
        // Plain biased MF has no MLP to destabilise and converged faster at 0.005 than at 0.003 for the same RMSE.
        Training = Training with { LearningRate = 5e-3 };
    }

    /// <summary>Latent dimension d of p_u and q_i. Default 64.</summary>
    public int Factors { get; init; } = 64;

    /// <inheritdoc/>
    protected override void ValidateArchitecture(string parameterName) =>
        NeuralLayers.Require(Factors >= 1, "Factors must be at least 1", parameterName);
}

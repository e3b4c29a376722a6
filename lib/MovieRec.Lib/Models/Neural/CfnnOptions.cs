namespace MovieRec.Models.Neural;

/// <summary>
/// Settings of <see cref="Cfnn"/>. Defaults were tuned on ml-latest-small's 80/20 random split (validation
/// share carved from the training part; docs/alternative-models.md). Architecture fields
/// (<see cref="EmbeddingDimension"/>, <see cref="HiddenSizes"/>) must match a saved model's weights. The
/// initialisation, penalty, training and validation settings are <see cref="RatingModelOptions"/>'s defaults
/// (training: ≤ 40 epochs, batch 1024, Adam at 0.003, patience 3).
/// </summary>
public sealed record CfnnOptions : RatingModelOptions
{
    /// <summary>Size of the user and the movie embedding (the MLP input is twice this). Default 32.</summary>
    public int EmbeddingDimension { get; init; } = 32;

    /// <summary>Hidden widths of the ReLU MLP. Default [64, 32].</summary>
    public int[] HiddenSizes { get; init; } = [64, 32];

    /// <summary>Dropout after each hidden layer during training. Default 0.2.</summary>
    public double Dropout { get; init; } = 0.2;

    /// <inheritdoc/>
    protected override void ValidateArchitecture(string parameterName)
    {
        NeuralLayers.Require(EmbeddingDimension >= 1, "EmbeddingDimension must be at least 1", parameterName);
        NeuralLayers.Require(HiddenSizes is not null && HiddenSizes.All(h => h >= 1), "HiddenSizes must be a list of positive widths", parameterName);
        NeuralLayers.Require(Dropout is >= 0 and < 1, "Dropout must be in [0, 1)", parameterName);
    }
}

using System.Globalization;
using MovieRec.Training;

namespace MovieRec.Models.Neural;

/// <summary>
/// Collaborative-filtering neural network: user and movie embeddings concatenated → ReLU MLP → rating,
/// plus user, movie and global biases (<see cref="CfnnModule"/>). Trained on the squared rating error with
/// the shared <see cref="TrainingLoop"/>, early-stopped on the RMSE of a held-out share of the training
/// ratings. Predicts ratings clipped to [0.5, 5]; recommends the unseen movies with the highest predicted
/// rating; similar movies by cosine of the movie embeddings.
/// </summary>
public sealed class Cfnn : NeuralRatingRecommender<CfnnOptions>
{
    /// <summary>A model with the documented defaults.</summary>
    public Cfnn()
        : this(new CfnnOptions())
    {
    }

    /// <summary>A model with the given options (validated here).</summary>
    /// <param name="options">Configuration.</param>
    /// <param name="progress">Receives one report per epoch; null for silence.</param>
    /// <exception cref="ArgumentException">An option is out of range (parameter "options").</exception>
    public Cfnn(CfnnOptions options, IProgress<EpochReport>? progress = null)
        : base(options, progress)
    {
    }

    /// <inheritdoc/>
    public override string Name => string.Create(
        CultureInfo.InvariantCulture, $"Cfnn(d={Options.EmbeddingDimension}, mlp=[{string.Join(",", Options.HiddenSizes)}])");

    /// <summary>Loads a model saved with <see cref="PairwiseNeuralRecommender{TOptions}.Save"/>.</summary>
    /// <exception cref="InvalidDataException">A file is missing or corrupt, the folder holds another model type, or the weights do not match the saved configuration.</exception>
    public static Cfnn Load(string directory) => LoadFolder(directory, options => new Cfnn(options));

    /// <inheritdoc/>
    protected override PairScoringModule CreateModule(TrainingData data) => new CfnnModule(
        data.UserVocabulary.Count,
        data.ItemVocabulary.Count,
        Options.EmbeddingDimension,
        Options.HiddenSizes,
        Options.Dropout,
        Options.InitialScale,
        MeanRating(data),
        Options.Regularization);
}

using System.Globalization;
using MovieRec.Training;

namespace MovieRec.Models.Neural;

/// <summary>
/// Biased matrix factorisation trained by gradient descent on the squared rating error: the neural
/// counterpart of Funk SVD (r̂ = μ + b_u + b_i + p_u·q_i, see <see cref="MatrixFactorizationModule"/>).
/// Trained with the shared <see cref="TrainingLoop"/> (minibatches, Adam, early stopping on the RMSE of a
/// held-out share of the training ratings). Predicts ratings clipped to [0.5, 5]; recommends the unseen
/// movies with the highest predicted rating; similar movies by cosine of the item factors.
/// </summary>
public sealed class MatrixFactorizationNN : NeuralRatingRecommender<MatrixFactorizationNNOptions>
{
    /// <summary>A model with the documented defaults.</summary>
    public MatrixFactorizationNN()
        : this(new MatrixFactorizationNNOptions())
    {
    }

    /// <summary>A model with the given options (validated here).</summary>
    /// <param name="options">Configuration.</param>
    /// <param name="progress">Receives one report per epoch (e.g. <see cref="ConsoleTrainingReporter"/>); null for silence.</param>
    /// <exception cref="ArgumentException">An option is out of range (parameter "options").</exception>
    public MatrixFactorizationNN(MatrixFactorizationNNOptions options, IProgress<EpochReport>? progress = null)
        : base(options, progress)
    {
    }

    /// <inheritdoc/>
    public override string Name => string.Create(
        CultureInfo.InvariantCulture, $"MatrixFactorizationNN(d={Options.Factors}, reg={Options.Regularization:G3})");

    /// <summary>Loads a model saved with <see cref="PairwiseNeuralRecommender{TOptions}.Save"/>.</summary>
    /// <exception cref="InvalidDataException">A file is missing or corrupt, the folder holds another model type, or the weights do not match the saved configuration.</exception>
    public static MatrixFactorizationNN Load(string directory) =>
        LoadFolder(directory, options => new MatrixFactorizationNN(options));

    /// <inheritdoc/>
    protected override PairScoringModule CreateModule(TrainingData data) => new MatrixFactorizationModule(
        data.UserVocabulary.Count, data.ItemVocabulary.Count, Options.Factors, Options.InitialScale, MeanRating(data), Options.Regularization);
}

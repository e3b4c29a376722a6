using System.Globalization;
using MovieRec.Features;
using MovieRec.Models.Neural;
using MovieRec.Training;

namespace MovieRec.Models.Ranking;

/// <summary>
/// The seed's ranking model: a rating predictor over user, movie, genre and release-year embeddings
/// (<see cref="RankingModule"/>: biases + optional MF term + an MLP over the concatenated embeddings),
/// trained on the squared rating error with the shared <see cref="TrainingLoop"/> and early-stopped on the
/// RMSE of a held-out share of the training ratings (<see cref="NeuralRatingRecommender{TOptions}"/>).
/// Genres and years come from <see cref="TrainingData.Movies"/>; movies without metadata (or a fit without
/// movies) get the "no genres" genre and the unknown year. Predicts ratings clipped to [0.5, 5]; recommends
/// unrated movies by predicted rating; in a <see cref="TwoStageRecommender"/> it re-ranks a retriever's candidates.
/// </summary>
public sealed class RankingModel : NeuralRatingRecommender<RankingModelOptions>
{
    /// <summary>A model with the documented defaults.</summary>
    public RankingModel()
        : this(new RankingModelOptions())
    {
    }

    /// <summary>A model with the given options (validated here).</summary>
    /// <param name="options">Configuration.</param>
    /// <param name="progress">Receives one report per epoch (e.g. <see cref="ConsoleTrainingReporter"/>); null for silence.</param>
    /// <exception cref="ArgumentException">An option is out of range (parameter "options").</exception>
    public RankingModel(RankingModelOptions options, IProgress<EpochReport>? progress = null)
        : base(options, progress)
    {
    }

    /// <inheritdoc/>
    public override string Name => string.Create(
        CultureInfo.InvariantCulture,
        $"RankingModel(d={Options.EmbeddingDimension}, mlp=[{string.Join(",", Options.HiddenSizes)}]{(Options.UseDotProduct ? ", dot" : "")})");

    /// <summary>Genres and year buckets of the catalogue, as the model sees them.</summary>
    /// <exception cref="InvalidOperationException">Not fitted or loaded yet.</exception>
    public ItemFeatureTable Features => ItemFeatureTable.Build(Data.ItemVocabulary, Data.Movies, Options.YearBucketWidth);

    /// <inheritdoc/>
    protected override bool SavesMovies => true;

    /// <summary>Loads a model saved with <see cref="PairwiseNeuralRecommender{TOptions}.Save"/>.</summary>
    /// <exception cref="InvalidDataException">A file is missing or corrupt, the folder holds another model type, or the weights do not match the saved configuration.</exception>
    public static RankingModel Load(string directory) => LoadFolder(directory, options => new RankingModel(options));

    /// <inheritdoc/>
    protected override PairScoringModule CreateModule(TrainingData data) => new RankingModule(
        data.UserVocabulary.Count,
        ItemFeatureTable.Build(data.ItemVocabulary, data.Movies, Options.YearBucketWidth),
        Options,
        MeanRating(data));
}

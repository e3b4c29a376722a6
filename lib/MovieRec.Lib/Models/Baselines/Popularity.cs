namespace MovieRec.Models.Baselines;

/// <summary>
/// The non-personalised baseline every model must beat: a movie's score is the number of distinct users who
/// rated it in training (any star value), so every user gets the most-rated movies they have not seen, ties
/// broken by the lower movie id. <see cref="SimilarItems"/> knows no item relation either and returns the most
/// popular other movies.
/// </summary>
/// <remarks>
/// On the project's standard protocol (ml-latest-small, stratified 75/25, seed 42) it scores NDCG@10 ≈ 0.21
/// (docs/baselines.md), the floor for the collaborative models.
/// </remarks>
public sealed class Popularity : IRecommender
{
    private const string CountsFileName = "popularity.bin";
    private TrainingData? _data;
    private float[] _counts = [];

    /// <inheritdoc />
    public string Name => "Popularity";

    /// <summary>Training rating count of each catalogue movie (index = item index), after fitting.</summary>
    public IReadOnlyList<float> Counts => Fitted()._counts;

    /// <inheritdoc />
    public void Fit(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.EnsureAtLeast(Name);
        var seen = data.SeenItems;
        var counts = new int[seen.ItemCount];
        foreach (var item in seen.ItemIndices)
        {
            counts[item]++;
        }

        // Counts are exact in float up to 2^24 users, far beyond any MovieLens release.
        _counts = Array.ConvertAll(counts, c => (float)c);
        _data = data;
    }

    /// <inheritdoc />
    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null)
    {
        var data = Fitted()._data!;
        var counts = _counts;
        return RecommendationKernel.Recommend(data, userIds, k, options, (_, scores) => counts.CopyTo(scores));
    }

    /// <inheritdoc />
    public float[] Score(int[] userIds, int[] movieIds)
    {
        var data = Fitted()._data!;
        var counts = _counts;
        return PairScores.Compute(data, userIds, movieIds, (_, item) => counts[item]);
    }

    /// <inheritdoc />
    public Recommendations SimilarItems(int[] movieIds, int k)
    {
        var data = Fitted()._data!;
        var counts = _counts;
        return RecommendationKernel.SimilarItems(data.ItemVocabulary, movieIds, k, (_, scores) => counts.CopyTo(scores));
    }

    /// <inheritdoc />
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var data = Fitted()._data!;
        BaselineFiles.WriteTrainingData(directory, data);
        BaselineFiles.Write(Path.Combine(directory, CountsFileName), Name, writer => BaselineFiles.WriteArray(writer, _counts));
        RecommenderStore.WriteManifest(directory, this);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">A file is corrupt or does not match the training data.</exception>
    public static Popularity Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var data = BaselineFiles.ReadTrainingData(directory);
        var model = new Popularity();
        var counts = BaselineFiles.Read(Path.Combine(directory, CountsFileName), model.Name, BaselineFiles.ReadArray<float>);
        BaselineFiles.ExpectLength(counts, data.ItemVocabulary.Count, directory, "the popularity counts");
        model._counts = counts;
        model._data = data;
        return model;
    }

    private Popularity Fitted() =>
        _data is null ? throw new InvalidOperationException($"{Name} is not fitted: call Fit or Load first.") : this;
}

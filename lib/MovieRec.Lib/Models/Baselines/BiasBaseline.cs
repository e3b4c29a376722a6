using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MovieRec.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.Baselines;

/// <summary>
/// Rating = global mean μ + user bias b_u + item bias b_i, the baseline predictor of Koren (2008) that
/// Surprise calls <c>BaselineOnly</c>. The biases minimise
/// Σ (r − μ − b_u − b_i)² + λ_u Σ b_u² + λ_i Σ b_i² by alternating least squares: each sweep sets every
/// b_i = Σ_u (r − μ − b_u) / (λ_i + |U_i|), then every b_u = Σ_i (r − μ − b_i) / (λ_u + |I_u|), both as
/// scatter-adds over all ratings in TorchSharp (float64).
/// </summary>
/// <remarks>
/// <see cref="Recommend"/> ranks a user's unseen movies by predicted rating, which for a bias model is the
/// item-bias order for everyone (the user bias shifts all scores equally). <see cref="Score"/> is the
/// unclipped prediction; <see cref="PredictRatings"/> clips to the training range when
/// <see cref="BiasBaselineOptions.ClipPredictions"/> is set and falls back to μ + b_i, μ + b_u or μ for
/// unknown users or movies. <see cref="SimilarItems"/> knows no item relation and returns the other movies
/// with the highest item bias. When a user rated a movie twice only the latest rating is used.
/// </remarks>
public sealed class BiasBaseline : IRatingPredictor
{
    private const string ParametersFileName = "biases.bin";
    private TrainingData? _data;
    private float _globalMean;
    private float _minimumRating;
    private float _maximumRating;
    private float[] _userBiases = [];
    private float[] _itemBiases = [];

    /// <summary>A model with the default options.</summary>
    public BiasBaseline()
        : this(BiasBaselineOptions.Default)
    {
    }

    /// <summary>A model with the given options.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public BiasBaseline(BiasBaselineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public BiasBaselineOptions Options { get; }

    /// <inheritdoc />
    public string Name => "BiasBaseline";

    /// <summary>The training mean μ, after fitting.</summary>
    public float GlobalMean => Fitted()._globalMean;

    /// <summary>b_u by user index (<see cref="TrainingData.UserVocabulary"/>), after fitting.</summary>
    public IReadOnlyList<float> UserBiases => Fitted()._userBiases;

    /// <summary>b_i by item index (<see cref="TrainingData.ItemVocabulary"/>), after fitting.</summary>
    public IReadOnlyList<float> ItemBiases => Fitted()._itemBiases;

    /// <inheritdoc />
    public void Fit(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.EnsureAtLeast(Name);
        TorchNative.EnsureLoaded();
        var seen = data.SeenItems;
        var userOfEntry = new long[seen.Count];
        for (var u = 0; u < seen.UserCount; u++)
        {
            userOfEntry.AsSpan(seen.Offsets[u], seen.Offsets[u + 1] - seen.Offsets[u]).Fill(u);
        }

        var itemOfEntry = Array.ConvertAll(seen.ItemIndices, i => (long)i);
        var stars = Array.ConvertAll(seen.Ratings, r => (double)r);

        using var scope = NewDisposeScope();
        var users = tensor(userOfEntry);
        var items = tensor(itemOfEntry);
        var ratings = tensor(stars);
        var mean = ratings.mean().item<double>();
        var residual = ratings - mean;
        var ones = ones_like(ratings);
        var userDenominator = zeros(seen.UserCount, ScalarType.Float64).index_add_(0, users, ones, 1.0) + Options.UserRegularization;
        var itemDenominator = zeros(seen.ItemCount, ScalarType.Float64).index_add_(0, items, ones, 1.0) + Options.ItemRegularization;
        var userBiases = zeros(seen.UserCount, ScalarType.Float64);
        var itemBiases = zeros(seen.ItemCount, ScalarType.Float64);
        for (var sweep = 0; sweep < Options.NumberOfIterations; sweep++)
        {
            // One inner scope per sweep keeps memory at a few rating-length tensors however many sweeps run.
            using var sweepScope = NewDisposeScope();
            var newItem = zeros(seen.ItemCount, ScalarType.Float64)
                .index_add_(0, items, residual - userBiases.index_select(0, users), 1.0).div_(itemDenominator);
            itemBiases = newItem.MoveToOuterDisposeScope();
            var newUser = zeros(seen.UserCount, ScalarType.Float64)
                .index_add_(0, users, residual - itemBiases.index_select(0, items), 1.0).div_(userDenominator);
            userBiases = newUser.MoveToOuterDisposeScope();
        }

        _userBiases = ToFloats(userBiases);
        _itemBiases = ToFloats(itemBiases);
        _globalMean = (float)mean;
        _minimumRating = seen.Ratings.Min();
        _maximumRating = seen.Ratings.Max();
        _data = data;
    }

    /// <inheritdoc />
    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null)
    {
        var data = Fitted()._data!;
        return RecommendationKernel.Recommend(data, userIds, k, options, (user, scores) =>
            TensorPrimitives.Add(_itemBiases, UserBase(user), scores));
    }

    /// <inheritdoc />
    public float[] Score(int[] userIds, int[] movieIds)
    {
        var data = Fitted()._data!;

        // Same float operations in the same order as Recommend: (μ + b_u) + b_i.
        return PairScores.Compute(data, userIds, movieIds, (user, item) => UserBase(user) + _itemBiases[item]);
    }

    /// <inheritdoc />
    public float[] PredictRatings(int[] userIds, int[] movieIds)
    {
        var data = Fitted()._data!;
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(movieIds);
        if (userIds.Length != movieIds.Length)
        {
            throw new ArgumentException(
                $"One movie id is needed per user id: {userIds.Length} user ids but {movieIds.Length} movie ids.", nameof(movieIds));
        }

        var result = new float[userIds.Length];
        for (var p = 0; p < result.Length; p++)
        {
            var prediction = _globalMean;
            if (data.UserVocabulary.TryGetIndex(userIds[p], out var user))
            {
                prediction += _userBiases[user];
            }

            if (data.ItemVocabulary.TryGetIndex(movieIds[p], out var item))
            {
                prediction += _itemBiases[item];
            }

            result[p] = Options.ClipPredictions ? Math.Clamp(prediction, _minimumRating, _maximumRating) : prediction;
        }

        return result;
    }

    /// <inheritdoc />
    public Recommendations SimilarItems(int[] movieIds, int k)
    {
        var data = Fitted()._data!;
        return RecommendationKernel.SimilarItems(data.ItemVocabulary, movieIds, k, (_, scores) => _itemBiases.CopyTo(scores));
    }

    /// <inheritdoc />
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var data = Fitted()._data!;
        BaselineFiles.WriteTrainingData(directory, data);
        BaselineFiles.WriteOptions(directory, Options);
        BaselineFiles.Write(Path.Combine(directory, ParametersFileName), Name, writer =>
        {
            writer.Write(_globalMean);
            writer.Write(_minimumRating);
            writer.Write(_maximumRating);
            BaselineFiles.WriteArray(writer, _userBiases);
            BaselineFiles.WriteArray(writer, _itemBiases);
        });
        RecommenderStore.WriteManifest(directory, this);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">A file is corrupt or does not match the training data.</exception>
    public static BiasBaseline Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var data = BaselineFiles.ReadTrainingData(directory);
        var model = new BiasBaseline(BaselineFiles.ReadOptions<BiasBaselineOptions>(directory));
        (model._globalMean, model._minimumRating, model._maximumRating, model._userBiases, model._itemBiases) =
            BaselineFiles.Read(Path.Combine(directory, ParametersFileName), model.Name, reader =>
                (reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle(),
                 BaselineFiles.ReadArray<float>(reader), BaselineFiles.ReadArray<float>(reader)));
        BaselineFiles.ExpectLength(model._userBiases, data.UserVocabulary.Count, directory, "the user biases");
        BaselineFiles.ExpectLength(model._itemBiases, data.ItemVocabulary.Count, directory, "the item biases");
        model._data = data;
        return model;
    }

    private float UserBase(int userIndex) => _globalMean + _userBiases[userIndex];

    private static float[] ToFloats(Tensor values)
    {
        using var single = values.to_type(ScalarType.Float32).contiguous();
        return single.data<float>().ToArray();
    }

    private BiasBaseline Fitted() =>
        _data is null ? throw new InvalidOperationException($"{Name} is not fitted: call Fit or Load first.") : this;
}

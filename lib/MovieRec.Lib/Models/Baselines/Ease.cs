using System.Globalization;
using MovieRec.Torch;
using TorchSharp;
using static TorchSharp.torch;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MovieRec.Models.Baselines;

/// <summary>
/// EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): an item–item weight matrix B
/// learned in closed form from the binary users × items matrix X. With P = (XᵀX + λI)⁻¹,
/// B = I − P·diag(1 / diag(P)), i.e. B[i, j] = −P[i, j] / P[j, j] off the diagonal and B[j, j] = 0, the
/// minimiser of ‖X − XB‖² + λ‖B‖² subject to diag(B) = 0. A user's score for movie j is
/// Σ_{i rated by the user} B[i, j].
/// </summary>
/// <remarks>
/// Fit computes P in TorchSharp (float64 by default): with fewer users than movies through the Woodbury
/// identity (an users × users inverse and one sparse × dense product), otherwise by inverting XᵀX + λI
/// built from a sparse Xᵀ in column blocks. B is kept as a dense float32 items × items array
/// (ml-latest-small: ~9k movies, 0.3 GB; the n × n float64 intermediates need ~3 × 8n² bytes, so EASE is
/// for catalogues up to ~20k movies).
/// Scoring adds B's rows of the user's movies with SIMD in ascending item order, so a user's scores are
/// identical alone, in a batch and in <see cref="Score"/>. <see cref="SimilarItems"/> ranks the movies j by
/// B[q, j], how much rating the query q raises j's score. Star values are ignored.
/// </remarks>
public sealed class Ease : IRecommender
{
    private const string WeightsFileName = "ease-weights.bin";
    private TrainingData? _data;
    private float[] _weights = [];
    private int _itemCount;

    /// <summary>A model with the default options.</summary>
    public Ease()
        : this(EaseOptions.Default)
    {
    }

    /// <summary>A model with the given options.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public Ease(EaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public EaseOptions Options { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"Ease(lambda={Options.Lambda:G})");

    /// <summary>B[i, j] (item indices of <see cref="TrainingData.ItemVocabulary"/>), after fitting.</summary>
    public float Weight(int fromItemIndex, int toItemIndex)
    {
        var n = Fitted()._itemCount;
        ArgumentOutOfRangeException.ThrowIfNegative(fromItemIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fromItemIndex, n);
        ArgumentOutOfRangeException.ThrowIfNegative(toItemIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(toItemIndex, n);
        return _weights[((long)fromItemIndex * n) + toItemIndex];
    }

    /// <inheritdoc />
    public void Fit(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.EnsureAtLeast(Name);
        if ((long)data.ItemVocabulary.Count * data.ItemVocabulary.Count > Array.MaxLength)
        {
            throw new ArgumentException(
                $"{Name} keeps a dense movies × movies matrix; {data.ItemVocabulary.Count} movies are too many.", nameof(data));
        }

        TorchNative.EnsureLoaded();
        var interactions = new InteractionTensors(data.SeenItems, useRatings: false);
        var n = interactions.ItemCount;
        var type = Options.UseDoublePrecision ? ScalarType.Float64 : ScalarType.Float32;

        using var scope = NewDisposeScope();
        var inverse = interactions.UserCount < n ? InverseThroughUsers(interactions, type) : InverseThroughItems(interactions, type);

        // B = I − P·diag(1/diag(P)): column j of P divided by −P[j, j], then a zero diagonal.
        var diagonal = inverse.diagonal().clone();
        inverse.div_(diagonal.neg_().unsqueeze(0));
        inverse.diagonal().zero_();
        using var weights = inverse.to_type(ScalarType.Float32).contiguous();
        inverse.Dispose();
        _weights = weights.data<float>().ToArray();
        _itemCount = n;
        _data = data;
    }

    /// <inheritdoc />
    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null)
    {
        var data = Fitted()._data!;
        return RecommendationKernel.Recommend(data, userIds, k, options, ScoreUser);
    }

    /// <inheritdoc />
    public float[] Score(int[] userIds, int[] movieIds)
    {
        var data = Fitted()._data!;
        var n = _itemCount;
        return PairScores.Compute(data, userIds, movieIds, (user, item) =>
        {
            // Same additions in the same order as ScoreUser, so the floats are identical.
            var sum = 0f;
            foreach (var seenItem in data.SeenItems.ItemsOf(user))
            {
                sum += _weights[((long)seenItem * n) + item];
            }

            return sum;
        });
    }

    /// <inheritdoc />
    public Recommendations SimilarItems(int[] movieIds, int k)
    {
        var data = Fitted()._data!;
        return RecommendationKernel.SimilarItems(data.ItemVocabulary, movieIds, k, (item, scores) => Row(item).CopyTo(scores));
    }

    /// <inheritdoc />
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var data = Fitted()._data!;
        BaselineFiles.WriteTrainingData(directory, data);
        BaselineFiles.WriteOptions(directory, Options);
        BaselineFiles.Write(Path.Combine(directory, WeightsFileName), "Ease", writer => BaselineFiles.WriteArray(writer, _weights));
        RecommenderStore.WriteManifest(directory, this);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">A file is corrupt or does not match the training data.</exception>
    public static Ease Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var data = BaselineFiles.ReadTrainingData(directory);
        var model = new Ease(BaselineFiles.ReadOptions<EaseOptions>(directory));
        var n = data.ItemVocabulary.Count;
        var weights = BaselineFiles.Read(Path.Combine(directory, WeightsFileName), "Ease", BaselineFiles.ReadArray<float>);
        BaselineFiles.ExpectLength(weights, (long)n * n, directory, "the item-item weights");
        model._weights = weights;
        model._itemCount = n;
        model._data = data;
        return model;
    }

    /// <summary>
    /// P = (XᵀX + λI)⁻¹ directly: XᵀX from sparse column blocks, then one n × n inversion (O(n³)). Used when
    /// there are at least as many users as movies.
    /// </summary>
    private Tensor InverseThroughItems(InteractionTensors interactions, ScalarType type)
    {
        var n = interactions.ItemCount;
        using var gram = zeros(n, n, type);
        interactions.ForEachGramBlock(interactions.SuggestedBlockSize(), (first, count, block) =>
            gram.narrow(1, first, count).copy_(block));
        gram.diagonal().add_(Options.Lambda);
        return linalg.inv(gram);
    }

    /// <summary>
    /// P through the Woodbury identity when users m are fewer than movies n (ml-latest-small: 610 vs ~9k):
    /// (λI + XᵀX)⁻¹ = (I − Xᵀ(λI + XXᵀ)⁻¹X) / λ. Only an m × m matrix is inverted and the n × n result
    /// comes from one sparse × dense product, O(m²n + nnz·n) instead of O(n³): about a second instead of
    /// a minute on two cores. Same P up to rounding (float64 by default keeps the cancellation in
    /// 1 − (XᵀKX)[j, j] harmless).
    /// </summary>
    private Tensor InverseThroughUsers(InteractionTensors interactions, ScalarType type)
    {
        using var scope = NewDisposeScope();
        var x = interactions.DenseColumns(0, interactions.ItemCount).to_type(type); // m × n
        var userGram = x.mm(x.t());
        userGram.diagonal().add_(Options.Lambda);
        var kernel = linalg.inv(userGram).mm(x); // (λI + XXᵀ)⁻¹X, m × n
        var transposed = interactions.SparseTransposed(type);
        var inverse = transposed.mm(kernel).mul_(-1.0 / Options.Lambda);
        inverse.diagonal().add_(1.0 / Options.Lambda);
        return inverse.MoveToOuterDisposeScope();
    }

    private ReadOnlySpan<float> Row(int item) => _weights.AsSpan((int)((long)item * _itemCount), _itemCount);

    private void ScoreUser(int user, Span<float> scores)
    {
        scores.Clear();
        foreach (var item in _data!.SeenItems.ItemsOf(user))
        {
            TensorPrimitives.Add(scores, Row(item), scores);
        }
    }

    private Ease Fitted() =>
        _data is null ? throw new InvalidOperationException($"{Name} is not fitted: call Fit or Load first.") : this;
}

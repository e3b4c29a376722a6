using System.Globalization;
using MovieRec.Models.Neural;
using MovieRec.Torch;
using MovieRec.Training;
using static TorchSharp.torch;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MovieRec.Models.Sequences;

/// <summary>
/// A SASRec-style sequential recommender (Kang and McAuley, "Self-Attentive Sequential Recommendation",
/// ICDM 2018): each user's training history in the order it was rated (timestamp, then movie id) is read as
/// a sequence of movie embeddings plus learned position embeddings through causal self-attention blocks
/// (<see cref="SasRecModule"/>), and the state after the latest movie scores every movie of the catalogue
/// by a dot product with the shared movie embeddings. Trained by <see cref="TrainingLoop"/> on next-movie
/// prediction (a sampled softmax by default, the full one on request), early-stopped on predicting each user's last training movie.
/// </summary>
/// <remarks>
/// After fitting (or loading) the state of every training user — from the last
/// <see cref="TransformerRecommenderOptions.MaximumSequenceLength"/> movies of the full training history — is
/// computed once, so <see cref="Recommend"/>, <see cref="Score"/> and the ranking agree exactly and a user
/// gets the same row alone or in a batch. <see cref="RecommendFromHistory"/> runs the network for a history
/// given by the caller (a user not seen in training). Not a rating predictor.
/// </remarks>
public sealed partial class TransformerRecommender : IRecommender
{
    private const int UsersPerForward = 256;
    private TrainingData? _data;
    private SasRecModule? _module;
    private float[] _itemVectors = [];
    private float[] _unitItemVectors = [];
    private float[] _userStates = [];
    private int _dimension;

    /// <summary>A model with the documented defaults.</summary>
    public TransformerRecommender()
        : this(new TransformerRecommenderOptions())
    {
    }

    /// <summary>A model with the given options (validated here).</summary>
    /// <param name="options">Configuration.</param>
    /// <param name="progress">Receives one report per epoch; null for silence.</param>
    /// <exception cref="ArgumentException">An option is out of range (parameter "options").</exception>
    public TransformerRecommender(TransformerRecommenderOptions options, IProgress<EpochReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        Options = options;
        Progress = progress;
    }

    /// <summary>The configuration.</summary>
    public TransformerRecommenderOptions Options { get; }

    /// <summary>Receives one report per training epoch during <see cref="Fit"/>; null for silence.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>Loss and validation metrics per epoch of the last <see cref="Fit"/>; null before fitting or after loading.</summary>
    public TrainingHistory? History { get; private set; }

    /// <summary>
    /// Prediction targets (next movies) trained on per second in the last <see cref="Fit"/>: targets per epoch ×
    /// epochs ÷ training time, validation included; NaN before.
    /// </summary>
    public double ExamplesPerSecond { get; private set; } = double.NaN;

    /// <inheritdoc/>
    public string Name => string.Create(
        CultureInfo.InvariantCulture,
        $"Transformer(L={Options.MaximumSequenceLength}, d={Options.EmbeddingDimension}, blocks={Options.NumberOfBlocks}, heads={Options.NumberOfHeads})");

    /// <summary>The trained network.</summary>
    /// <exception cref="InvalidOperationException">Not fitted or loaded yet.</exception>
    public SasRecModule Module => _module ?? throw NotFitted();

    private TrainingData Data => _data ?? throw NotFitted();

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">No user has two or more training movies (nothing to predict).</exception>
    public void Fit(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.EnsureAtLeast(Name);
        var sequences = UserSequences.Build(data.Ratings, data.UserVocabulary, data.ItemVocabulary);
        if (!Enumerable.Range(0, sequences.UserCount).Any(u => sequences.Of(u).Length >= 2))
        {
            throw new ArgumentException(
                $"{Name} learns from what follows what: it needs at least one user with two or more training movies.", nameof(data));
        }

        TorchNative.EnsureLoaded();
        var (fit, heldOut) = Options.ValidateOnLastItem ? sequences.WithoutLast(minimumLength: 3) : (sequences, null);

        // Initial weights come from the global generator: seed it right before building the module.
        manual_seed(Options.Training.Seed);
        var module = CreateModule(data.ItemVocabulary.Count);
        using var task = new NextItemTrainingTask(module, fit, heldOut, Options);
        var history = TrainingLoop.Run(task, Options.Training, Progress);
        History = history;
        ExamplesPerSecond = (double)task.TargetCount * history.EpochCount / Math.Max(1e-9, history.TotalSeconds);
        Install(data, module, sequences);
    }

    /// <inheritdoc/>
    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null) =>
        RecommendationKernel.Recommend(Data, userIds, k, options, ScoreUser);

    /// <inheritdoc/>
    public float[] Score(int[] userIds, int[] movieIds)
    {
        var d = _dimension;
        return PairScores.Compute(Data, userIds, movieIds, (u, m) =>
            TensorPrimitives.Dot(_userStates.AsSpan(u * d, d), _itemVectors.AsSpan(m * d, d)));
    }

    /// <inheritdoc/>
    public Recommendations SimilarItems(int[] movieIds, int k) =>
        RecommendationKernel.SimilarItems(Data.ItemVocabulary, movieIds, k, ScoreSimilar);

    /// <summary>
    /// Top-<paramref name="k"/> movies to watch next after <paramref name="movieIdsInOrder"/> (oldest first), for
    /// a user who is not in the training data: the network reads the last
    /// <see cref="TransformerRecommenderOptions.MaximumSequenceLength"/> of them. For a training user's own
    /// history it gives the same movies and scores as <see cref="Recommend"/>.
    /// </summary>
    /// <param name="movieIdsInOrder">Raw movie ids in the order they were watched; all must be in the catalogue.</param>
    /// <param name="k">Movies to return, at least 1.</param>
    /// <param name="excludeHistory">Leave out the movies of the history. Default true.</param>
    /// <returns>The movie ids, best first, and their scores.</returns>
    /// <exception cref="ArgumentException">The history is empty or has movies the model does not know (they are named).</exception>
    public (int[] MovieIds, float[] Scores) RecommendFromHistory(int[] movieIdsInOrder, int k, bool excludeHistory = true)
    {
        var data = Data;
        ArgumentNullException.ThrowIfNull(movieIdsInOrder);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (movieIdsInOrder.Length == 0)
        {
            throw new ArgumentException("The history is empty: give at least one movie id.", nameof(movieIdsInOrder));
        }

        var items = data.ItemVocabulary;
        var unknown = movieIdsInOrder.Where(id => !items.TryGetIndex(id, out _)).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"{unknown.Length} movie id(s) of the history are not in the model's catalogue: " +
                string.Join(", ", unknown.Take(20)) + (unknown.Length > 20 ? ", …" : "") + ".",
                nameof(movieIdsInOrder));
        }

        var sequence = movieIdsInOrder.Select(items.IndexOf).ToArray();
        var state = States([sequence]);
        var scores = new float[items.Count];
        ScoreAgainstItems(state, scores);
        int[] excluded = excludeHistory ? sequence.Distinct().Order().ToArray() : [];
        var size = Math.Min(k, items.Count);
        var indices = new int[size];
        var values = new float[size];
        var count = TopK.Select(scores, size, excluded, indices, values);
        return (indices[..count].Select(items.IdAt).ToArray(), values[..count]);
    }

    private SasRecModule CreateModule(int itemCount) => new(
        itemCount, Options.MaximumSequenceLength, Options.EmbeddingDimension, Options.NumberOfBlocks, Options.NumberOfHeads, Options.Dropout);

    /// <summary>Makes a trained module usable: eval mode, item vectors, and every training user's state.</summary>
    private void Install(TrainingData data, SasRecModule module, UserSequences sequences)
    {
        module.eval();
        _module = module;
        _dimension = (int)module.Dimension;
        using (no_grad())
        using (NewDisposeScope())
        {
            _itemVectors = module.ItemVectors().contiguous().data<float>().ToArray();
        }

        var d = _dimension;
        var unit = (float[])_itemVectors.Clone();
        for (var i = 0; i < data.ItemVocabulary.Count; i++)
        {
            var row = unit.AsSpan(i * d, d);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }

        _unitItemVectors = unit;
        var states = new float[(long)sequences.UserCount * d];
        for (var start = 0; start < sequences.UserCount; start += UsersPerForward)
        {
            var count = Math.Min(UsersPerForward, sequences.UserCount - start);
            var batch = Enumerable.Range(start, count).Select(u => sequences.Of(u).ToArray()).ToArray();
            States(batch).CopyTo(states.AsSpan(start * d, count * d));
        }

        _userStates = states;
        _data = data;
    }

    /// <summary>The final states [sequences × d] of histories given as item indices (oldest first).</summary>
    private float[] States(int[][] histories)
    {
        var length = Options.MaximumSequenceLength;
        var padded = new long[(long)histories.Length * length];
        for (var r = 0; r < histories.Length; r++)
        {
            UserSequences.FillTail(histories[r], padded.AsSpan(r * length, length));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Module.LastStates(tensor(padded, [histories.Length, length])).contiguous().data<float>().ToArray();
    }

    private void ScoreAgainstItems(ReadOnlySpan<float> state, Span<float> scores)
    {
        var d = _dimension;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(state, _itemVectors.AsSpan(i * d, d));
        }
    }

    private void ScoreUser(int userIndex, Span<float> scores) =>
        ScoreAgainstItems(_userStates.AsSpan(userIndex * _dimension, _dimension), scores);

    private void ScoreSimilar(int itemIndex, Span<float> scores)
    {
        var d = _dimension;
        var query = _unitItemVectors.AsSpan(itemIndex * d, d);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(query, _unitItemVectors.AsSpan(i * d, d));
        }
    }

    private InvalidOperationException NotFitted() => new($"{Name} is not fitted: call Fit or Load first.");
}

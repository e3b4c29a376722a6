using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MovieRec.Torch;
using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// Everything the pair-scoring neural recommenders (MatrixFactorizationNN, Cfnn, DeepNcf) share: fitting
/// through <see cref="TrainingLoop"/> with a seeded module, ranking every catalogue item for a user with one
/// forward pass (through <see cref="RecommendationKernel"/>), <see cref="Score"/> on pairs, item similarity
/// by cosine of the module's item vectors, and save/load through <see cref="NeuralModelFolder"/>.
/// A subclass supplies the module, the training task and its name.
/// </summary>
/// <remarks>
/// Each user's row is computed alone (the same tensor shapes every time), so a user gets the same row alone
/// or in a batch. <see cref="Score"/> runs pairs in larger batches, whose matrix products may round
/// differently in the last bits; the difference is far below 1e-4.
/// </remarks>
public abstract class PairwiseNeuralRecommender<TOptions> : IRecommender
    where TOptions : class, INeuralModelOptions
{
    private const int PairsPerChunk = 1 << 16;
    private TrainingData? _data;
    private PairScoringModule? _module;
    private Tensor? _allItems;
    private float[] _unitItemVectors = [];
    private int _itemDimension;

    /// <summary>Validates and keeps the options.</summary>
    protected PairwiseNeuralRecommender(TOptions options, IProgress<EpochReport>? progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        Options = options;
        Progress = progress;
    }

    /// <summary>The configuration.</summary>
    public TOptions Options { get; }

    /// <summary>Receives one report per training epoch during <see cref="Fit"/> (e.g. <see cref="ConsoleTrainingReporter"/>); null for silence.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>Loss and validation metrics per epoch of the last <see cref="Fit"/>; null before fitting or after loading.</summary>
    public TrainingHistory? History { get; private set; }

    /// <summary>Training examples per second of the last <see cref="Fit"/> (examples × epochs ÷ training time, validation included); NaN before.</summary>
    public double ExamplesPerSecond { get; private set; } = double.NaN;

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>The trained network.</summary>
    /// <exception cref="InvalidOperationException">Not fitted or loaded yet.</exception>
    public PairScoringModule Module => _module ?? throw NotFitted();

    /// <summary>The data the model was fitted on (catalogue, users, exclusions).</summary>
    protected TrainingData Data => _data ?? throw NotFitted();

    /// <inheritdoc/>
    public void Fit(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.EnsureAtLeast(Name);
        TorchNative.EnsureLoaded();

        // Initial weights come from the global generator: seed it right before building the module.
        manual_seed(Options.Training.Seed);
        var module = CreateModule(data);
        var (history, examples) = Train(module, data);
        History = history;
        ExamplesPerSecond = examples * history.EpochCount / Math.Max(1e-9, history.TotalSeconds);
        Install(data, module);
    }

    /// <inheritdoc/>
    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null) =>
        RecommendationKernel.Recommend(Data, userIds, k, options, ScoreUser);

    /// <inheritdoc/>
    public float[] Score(int[] userIds, int[] movieIds)
    {
        var data = Data;
        PairScores.CheckPairs(userIds, movieIds);

        var scores = new float[userIds.Length];
        Array.Fill(scores, float.NaN);
        var positions = new List<int>();
        var users = new List<long>();
        var items = new List<long>();
        for (var i = 0; i < userIds.Length; i++)
        {
            if (data.UserVocabulary.TryGetIndex(userIds[i], out var u) && data.ItemVocabulary.TryGetIndex(movieIds[i], out var m))
            {
                positions.Add(i);
                users.Add(u);
                items.Add(m);
            }
        }

        var known = ScoreIndexPairs(users.ToArray(), items.ToArray());
        for (var p = 0; p < positions.Count; p++)
        {
            scores[positions[p]] = known[p];
        }

        return scores;
    }

    /// <inheritdoc/>
    public Recommendations SimilarItems(int[] movieIds, int k) =>
        RecommendationKernel.SimilarItems(Data.ItemVocabulary, movieIds, k, ScoreSimilar);

    /// <inheritdoc/>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        NeuralModelFolder.Save(directory, this, Options, Data, Module, SavesMovies);
    }

    /// <summary>
    /// True for models whose module is built from <see cref="TrainingData.Movies"/> (genres, years): Save then
    /// keeps the catalogue's movies, so Load rebuilds the same features. False by default.
    /// </summary>
    protected virtual bool SavesMovies => false;

    /// <summary>Builds a fresh module for the users and catalogue of <paramref name="data"/>.</summary>
    protected abstract PairScoringModule CreateModule(TrainingData data);

    /// <summary>Trains <paramref name="module"/> with <see cref="TrainingLoop"/>; returns the history and the examples per epoch.</summary>
    protected abstract (TrainingHistory History, long ExamplesPerEpoch) Train(PairScoringModule module, TrainingData data);

    /// <summary>Scores pairs of (user index, item index) in chunks, without gradients.</summary>
    protected float[] ScoreIndexPairs(long[] userIndices, long[] itemIndices)
    {
        var module = Module;
        var scores = new float[userIndices.Length];
        for (var start = 0; start < scores.Length; start += PairsPerChunk)
        {
            var length = Math.Min(PairsPerChunk, scores.Length - start);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var users = tensor(userIndices.AsSpan(start, length).ToArray());
            var items = tensor(itemIndices.AsSpan(start, length).ToArray());
            module.Score(users, items).data<float>().ToArray().CopyTo(scores.AsSpan(start, length));
        }

        return scores;
    }

    /// <summary>Used by the subclasses' static Load: reads the folder, rebuilds the module and loads its weights.</summary>
    protected static TModel LoadFolder<TModel>(string directory, Func<TOptions, TModel> create)
        where TModel : PairwiseNeuralRecommender<TOptions>
    {
        var (options, data) = NeuralModelFolder.Read<TOptions>(directory, typeof(TModel));
        NeuralModelFolder.ValidateSaved(directory, () => options.Validate(nameof(options)));
        TorchNative.EnsureLoaded();
        var model = create(options);
        var module = model.CreateModule(data);
        NeuralModelFolder.LoadWeights(directory, module, typeof(TModel));
        model.Install(data, module);
        return model;
    }

    /// <summary>Makes a trained module usable: eval mode, the item tensor and the unit item vectors for similarity.</summary>
    private void Install(TrainingData data, PairScoringModule module)
    {
        module.eval();
        var itemCount = data.ItemVocabulary.Count;
        float[] vectors;
        long dimension;
        using (no_grad())
        using (NewDisposeScope())
        {
            var itemVectors = module.ItemVectors().contiguous();
            dimension = itemVectors.shape[1];
            vectors = itemVectors.data<float>().ToArray();
        }

        for (var i = 0; i < itemCount; i++)
        {
            var row = vectors.AsSpan(i * (int)dimension, (int)dimension);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }

        _allItems?.Dispose();
        _allItems = arange(itemCount, dtype: ScalarType.Int64).DetachFromDisposeScope();
        _unitItemVectors = vectors;
        _itemDimension = (int)dimension;
        _module = module;
        _data = data;
    }

    private void ScoreUser(int userIndex, Span<float> scores)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var items = _allItems!;
        var users = full(items.shape[0], userIndex, dtype: ScalarType.Int64);
        Module.Score(users, items).data<float>().ToArray().CopyTo(scores);
    }

    private void ScoreSimilar(int itemIndex, Span<float> scores)
    {
        var d = _itemDimension;
        var query = _unitItemVectors.AsSpan(itemIndex * d, d);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(query, _unitItemVectors.AsSpan(i * d, d));
        }
    }

    private InvalidOperationException NotFitted() => new($"{Name} is not fitted: call Fit or Load first.");
}

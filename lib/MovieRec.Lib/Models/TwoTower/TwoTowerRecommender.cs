using System.Numerics.Tensors;
using MovieRec.Features;
using MovieRec.Splits;
using MovieRec.Torch;
using MovieRec.Training;
using static TorchSharp.torch;

namespace MovieRec.Models.TwoTower;

/// <summary>
/// Two-tower retrieval recommender: a user tower (user id, pooled history, genre profile) and an item tower
/// (movie id, genres, release-year bucket) trained with an in-batch sampled softmax with log-Q correction
/// (see <see cref="TwoTowerOptions"/> and docs/two-tower.md). Relevance is the dot product of the towers'
/// (normalised) outputs; after training, every user's and item's vector is computed once and cached, so
/// recommending is an exact scan of the catalogue per user.
/// </summary>
public sealed partial class TwoTowerRecommender : IRecommender
{
    private TrainingData? _data;
    private TwoTowerModel? _model;
    private ItemFeatureTable? _features;
    private float[] _userVectors = [];
    private float[] _itemVectors = [];
    private float[] _itemUnitVectors = [];

    /// <summary>Creates an unfitted recommender with the documented defaults.</summary>
    public TwoTowerRecommender()
        : this(new TwoTowerOptions())
    {
    }

    /// <summary>Creates an unfitted recommender.</summary>
    /// <param name="options">Configuration (validated here).</param>
    /// <param name="progress">Receives one report per training epoch (e.g. <see cref="ConsoleTrainingReporter"/>).</param>
    public TwoTowerRecommender(TwoTowerOptions options, IProgress<EpochReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        Options = options;
        Progress = progress;
    }

    /// <summary>The configuration.</summary>
    public TwoTowerOptions Options { get; }

    /// <summary>Receives one report per training epoch during <see cref="Fit"/>; null for silence.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>Loss and validation metrics of the last <see cref="Fit"/> per epoch; null before fitting or after loading.</summary>
    public TrainingHistory? History { get; private set; }

    /// <inheritdoc/>
    public string Name => Options.Loss == TwoTowerLoss.EaseDistillation
        ? $"TwoTower(d={Options.EmbeddingDimension}, EASE-distilled)"
        : $"TwoTower(d={Options.EmbeddingDimension})";

    /// <summary>The trained network (for inspection and notebooks).</summary>
    /// <exception cref="InvalidOperationException">Not fitted or loaded yet.</exception>
    public TwoTowerModel Model => _model ?? throw NotFitted();

    /// <inheritdoc/>
    public void Fit(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.EnsureAtLeast(Name);
        TorchNative.EnsureLoaded();
        var users = data.UserVocabulary;
        var items = data.ItemVocabulary;
        var features = ItemFeatureTable.Build(items, data.Movies, Options.YearBucketWidth);
        var fit = data.SeenItems;
        var fitData = data;
        SeenItems? validation = null;
        if (Options.ValidationFraction > 0)
        {
            var split = StratifiedPerUserSplitter.Split(data.Ratings, Options.ValidationFraction, Options.ValidationSeed);
            if (split.Test.Count > 0)
            {
                fit = SeenItems.Build(split.Train, users, items);
                fitData = new TrainingData(split.Train, data.Movies);
                validation = SeenItems.Build(split.Test, users, items);
            }
        }

        // The EASE teacher sees exactly the student's training ratings (never the validation carve-out).
        float[]? teacherScores = null;
        if (Options.Loss == TwoTowerLoss.EaseDistillation)
        {
            EaseTeacher.CheckSize(users.Count, items.Count, nameof(data));
            teacherScores = EaseTeacher.Scores(fitData, fit, items, Options.TeacherLambda);
        }

        // Initial weights come from the global generator: seed it right before building the module.
        manual_seed(Options.Training.Seed);
        var model = new TwoTowerModel(
            users.Count, features, Options, Options.ItemPopularityFeature ? Popularity(data.SeenItems) : null,
            Options.ItemBias && Options.ItemBiasFromPopularity ? LogPopularityBias(fit, Options.Temperature) : null);
        if (teacherScores is not null)
        {
            using var task = new EaseDistillationTrainingTask(model, Options, fit, validation, teacherScores);
            History = TrainingLoop.Run(task, Options.Training, Progress);
        }
        else if (Options.Loss == TwoTowerLoss.UserMultinomial)
        {
            using var task = new UserMultinomialTrainingTask(model, Options, fit, validation);
            History = TrainingLoop.Run(task, Options.Training, Progress);
        }
        else
        {
            using var task = new TwoTowerTrainingTask(model, Options, fit, validation);
            History = TrainingLoop.Run(task, Options.Training, Progress);
        }

        Install(data, model, features);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// An exact managed scan per user (<see cref="RecommendationKernel"/>) with the dot product <see cref="Score"/>
    /// uses, so batch and single-user rows are identical and ties go to the lower catalogue index. The torch
    /// path (<see cref="MovieRec.Retrieval.ExactTopK"/>) gives the same rows but was slower here: 174–280 ms vs
    /// 121–135 ms for all 610 ml-latest-small users (docs/two-tower.md).
    /// </remarks>
    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null)
    {
        var data = _data ?? throw NotFitted();
        return RecommendationKernel.Recommend(data, userIds, k, options, ScoreUser);
    }

    /// <inheritdoc/>
    public float[] Score(int[] userIds, int[] movieIds)
    {
        var data = _data ?? throw NotFitted();
        var d = VectorWidth;
        return PairScores.Compute(data, userIds, movieIds, (u, m) =>
            TensorPrimitives.Dot(_userVectors.AsSpan(u * d, d), _itemVectors.AsSpan(m * d, d)));
    }

    /// <inheritdoc/>
    public Recommendations SimilarItems(int[] movieIds, int k)
    {
        var data = _data ?? throw NotFitted();
        return RecommendationKernel.SimilarItems(data.ItemVocabulary, movieIds, k, ScoreSimilar);
    }

    /// <summary>
    /// Columns of <see cref="UserVectors"/> and <see cref="ItemVectors"/>: <see cref="TwoTowerOptions.EmbeddingDimension"/>,
    /// plus one with <see cref="TwoTowerOptions.ItemBias"/> (users' last column is 1, items' is their bias).
    /// </summary>
    public int VectorWidth => Options.EmbeddingDimension + (Options.ItemBias ? 1 : 0);

    /// <summary>
    /// The cached user vectors (users × <see cref="VectorWidth"/>, row-major, training user order), for notebooks and
    /// ANN indexes; their dot product with <see cref="ItemVectors"/> rows is <see cref="Score"/>.
    /// </summary>
    public float[] UserVectors() => _data is null ? throw NotFitted() : (float[])_userVectors.Clone();

    /// <summary>The cached item vectors (items × <see cref="VectorWidth"/>, row-major, catalogue order; the bias last when there is one).</summary>
    public float[] ItemVectors() => _data is null ? throw NotFitted() : (float[])_itemVectors.Clone();

    /// <summary>
    /// The movies each training user rated, in the row order of <see cref="UserVectors"/> and the catalogue order of
    /// <see cref="ItemVectors"/>: the exclusions exact and approximate retrieval apply (also after <see cref="Load(string)"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">Not fitted or loaded yet.</exception>
    public SeenItems TrainingSeenItems => _data?.SeenItems ?? throw NotFitted();

    /// <summary>Each item's learned bias b_i in score units (catalogue order); zeros without <see cref="TwoTowerOptions.ItemBias"/>.</summary>
    public float[] ItemBiases()
    {
        if (_data is null)
        {
            throw NotFitted();
        }

        var biases = new float[_data.ItemVocabulary.Count];
        if (Options.ItemBias)
        {
            var width = VectorWidth;
            for (var i = 0; i < biases.Length; i++)
            {
                biases[i] = _itemVectors[(i * width) + width - 1];
            }
        }

        return biases;
    }

    /// <summary>Makes a trained network usable: computes every user's and item's vector once.</summary>
    private void Install(TrainingData data, TwoTowerModel model, ItemFeatureTable features)
    {
        model.eval();
        var seen = data.SeenItems;
        var entryRows = new long[seen.Count];
        for (var u = 0; u < seen.UserCount; u++)
        {
            entryRows.AsSpan(seen.Offsets[u], seen.Offsets[u + 1] - seen.Offsets[u]).Fill(u);
        }

        using (no_grad())
        using (NewDisposeScope())
        {
            var users = arange(seen.UserCount, dtype: ScalarType.Int64);
            var items = arange(seen.ItemCount, dtype: ScalarType.Int64);
            var entryItems = tensor(seen.ItemIndices.Select(i => (long)i).ToArray());
            var entryWeights = Options.HistoryRatingExponent > 0
                ? tensor(seen.Ratings.Select(r => TwoTowerModel.HistoryWeight(r, Options.HistoryRatingExponent)).ToArray())
                : null;
            _userVectors = model.EncodeUsersFromEntries(users, tensor(entryRows), entryItems, entryWeights).contiguous().data<float>().ToArray();
            _itemVectors = model.EncodeItems(items).contiguous().data<float>().ToArray();
        }

        // Similar items compare directions only: the first d columns, without the bias.
        var d = Options.EmbeddingDimension;
        var width = VectorWidth;
        _itemUnitVectors = new float[seen.ItemCount * d];
        for (var i = 0; i < seen.ItemCount; i++)
        {
            var row = _itemUnitVectors.AsSpan(i * d, d);
            _itemVectors.AsSpan(i * width, d).CopyTo(row);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                foreach (ref var value in row)
                {
                    value /= norm;
                }
            }
        }

        _model = model;
        _features = features;
        _data = data;
    }

    private void ScoreUser(int userIndex, Span<float> scores) =>
        ScoreAgainst(_itemVectors, _userVectors.AsSpan(userIndex * VectorWidth, VectorWidth), scores);

    private void ScoreSimilar(int itemIndex, Span<float> scores) =>
        ScoreAgainst(_itemUnitVectors, _itemUnitVectors.AsSpan(itemIndex * Options.EmbeddingDimension, Options.EmbeddingDimension), scores);

    /// <summary>Scores with <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, the product Score also uses, so they agree bit for bit.</summary>
    private void ScoreAgainst(float[] vectors, ReadOnlySpan<float> query, Span<float> scores)
    {
        var d = query.Length;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(query, vectors.AsSpan(i * d, d));
        }
    }

    /// <summary>log(1 + count) / log(1 + largest count) per item: the item tower's popularity feature.</summary>
    private static float[] Popularity(SeenItems seen)
    {
        var counts = new int[seen.ItemCount];
        foreach (var item in seen.ItemIndices)
        {
            counts[item]++;
        }

        var scale = Math.Log(1 + Math.Max(1, counts.Length == 0 ? 1 : counts.Max()));
        return counts.Select(c => (float)(Math.Log(1 + c) / scale)).ToArray();
    }

    /// <summary>τ·(log p_i − mean log p), p_i = (c_i + 1) / (C + N): the popularity start of the item bias.</summary>
    private static float[] LogPopularityBias(SeenItems seen, double temperature)
    {
        var counts = new double[seen.ItemCount];
        foreach (var item in seen.ItemIndices)
        {
            counts[item]++;
        }

        var logShares = counts.Select(c => Math.Log((c + 1) / (seen.Count + (double)counts.Length))).ToArray();
        var mean = logShares.Length == 0 ? 0 : logShares.Average();
        return logShares.Select(l => (float)(temperature * (l - mean))).ToArray();
    }

    private static InvalidOperationException NotFitted() =>
        new("The two-tower recommender is not fitted: call Fit or TwoTowerRecommender.Load first.");
}

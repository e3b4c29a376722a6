using System.Globalization;
using System.Numerics.Tensors;
using MovieRec.Data;
using MovieRec.Retrieval;

namespace MovieRec.Models.Baselines;

/// <summary>
/// Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren &amp; Volinsky 2008), as
/// in the Python <c>implicit</c> library's <c>AlternatingLeastSquares</c> with its conjugate-gradient
/// solver: every (user, movie) cell is fitted, observed cells to preference 1 with confidence
/// c = 1 + α·r, unobserved cells to 0 with confidence 1. Score = user factors · item factors;
/// similar items by cosine of item factors. Recommendations use <see cref="ExactTopK"/>.
/// </summary>
public sealed class ImplicitAls : IRecommender
{
    private ImplicitAlsState? _state;

    /// <summary>A model with <see cref="ImplicitAlsOptions.Default"/>.</summary>
    public ImplicitAls()
        : this(ImplicitAlsOptions.Default)
    {
    }

    /// <summary>A model with the given options (validated here).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ImplicitAls(ImplicitAlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    private ImplicitAls(ImplicitAlsOptions options, ImplicitAlsState state)
        : this(options)
    {
        _state = state;
    }

    /// <summary>The settings this model was built with.</summary>
    public ImplicitAlsOptions Options { get; }

    /// <inheritdoc/>
    public string Name => string.Create(
        CultureInfo.InvariantCulture,
        $"ImplicitAls(factors={Options.Factors}, reg={Options.Regularization:G4}, alpha={Options.Alpha:G4}, iters={Options.Iterations}{(Options.UseRatingsAsStrength ? ", ratings" : "")})");

    /// <summary>Learned user factors (users × <see cref="ImplicitAlsOptions.Factors"/>, row-major, vocabulary order).</summary>
    public ReadOnlyMemory<float> UserFactors => State.UserFactors;

    /// <summary>Learned item factors (items × <see cref="ImplicitAlsOptions.Factors"/>, row-major, vocabulary order).</summary>
    public ReadOnlyMemory<float> ItemFactors => State.ItemFactors;

    /// <summary>Users of the training data (row order of <see cref="UserFactors"/>).</summary>
    public IdVocabulary UserVocabulary => State.Users;

    /// <summary>The catalogue (row order of <see cref="ItemFactors"/>).</summary>
    public IdVocabulary ItemVocabulary => State.Items;

    private ImplicitAlsState State => _state ?? throw new InvalidOperationException($"{Name} is not fitted: call Fit or Load first.");

    /// <inheritdoc/>
    public void Fit(TrainingData data) => Fit(data, onIteration: null);

    /// <summary>Fits, calling <paramref name="onIteration"/> after every sweep (for progress and benchmarks).</summary>
    /// <exception cref="ArgumentException">The training set is empty, or ratings are used as strength and one is not positive.</exception>
    public void Fit(TrainingData data, Action<ImplicitAlsIteration>? onIteration)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.EnsureAtLeast(Name);
        var d = Options.Factors;
        var seen = data.SeenItems;
        var userCount = seen.UserCount;
        var itemCount = seen.ItemCount;

        // Weights are c − 1 = α·r: the solver adds them on top of the shared YᵀY.
        var weights = new float[seen.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            var strength = 1f;
            if (Options.UseRatingsAsStrength)
            {
                strength = seen.Ratings[i];
                if (!float.IsFinite(strength) || strength <= 0)
                {
                    throw new ArgumentException(
                        $"{Name} uses ratings as confidence strength, which must be positive; found {strength}.", nameof(data));
                }
            }

            weights[i] = Options.Alpha * strength;
        }

        var (itemOffsets, itemUsers, itemWeights) = Transpose(seen, weights);

        // implicit's initialisation: uniform [0, 1) × 0.01, users first.
        var random = new Random(Options.Seed);
        var userFactors = new float[(long)userCount * d];
        var itemFactors = new float[(long)itemCount * d];
        for (var i = 0; i < userFactors.Length; i++)
        {
            userFactors[i] = random.NextSingle() * 0.01f;
        }

        for (var i = 0; i < itemFactors.Length; i++)
        {
            itemFactors[i] = random.NextSingle() * 0.01f;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var iteration = 1; iteration <= Options.Iterations; iteration++)
        {
            var itemGram = ImplicitAlsSolver.Gram(itemFactors, itemCount, d, Options.Regularization);
            ImplicitAlsSolver.SolveRows(
                userFactors, itemFactors, d, seen.Offsets, seen.ItemIndices, weights, itemGram, Options.ConjugateGradientSteps);
            var userGram = ImplicitAlsSolver.Gram(userFactors, userCount, d, Options.Regularization);
            ImplicitAlsSolver.SolveRows(
                itemFactors, userFactors, d, itemOffsets, itemUsers, itemWeights, userGram, Options.ConjugateGradientSteps);
            onIteration?.Invoke(new ImplicitAlsIteration(iteration, watch.Elapsed));
            watch.Restart();
        }

        _state = new ImplicitAlsState(
            data.UserVocabulary, data.ItemVocabulary, d, seen.Offsets, seen.ItemIndices, userFactors, itemFactors);
    }

    /// <inheritdoc/>
    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var state = State;
        options ??= RecommendOptions.Default;
        var d = state.Dimension;
        var forAll = state.IndicesOf(options.ExcludeItemsForAllUsers);

        var rows = new List<int>(userIds.Length);
        var queries = new List<int>(userIds.Length);
        for (var r = 0; r < userIds.Length; r++)
        {
            if (state.Users.TryGetIndex(userIds[r], out var userIndex))
            {
                rows.Add(r);
                queries.Add(userIndex);
            }
        }

        var embeddings = new float[queries.Count * d];
        var offsets = new int[queries.Count + 1];
        var excluded = new List<int>();
        for (var q = 0; q < queries.Count; q++)
        {
            state.UserFactors.AsSpan(queries[q] * d, d).CopyTo(embeddings.AsSpan(q * d, d));
            if (options.ExcludeSeen)
            {
                excluded.AddRange(state.SeenOf(queries[q]));
            }

            excluded.AddRange(forAll);
            if (options.ExcludeItemsByUser is not null && options.ExcludeItemsByUser.TryGetValue(userIds[rows[q]], out var extra))
            {
                excluded.AddRange(state.IndicesOf(extra));
            }

            offsets[q + 1] = excluded.Count;
        }

        var found = ExactTopK.Search(embeddings, state.ItemFactors, d, k, new ExcludedItems(offsets, excluded.ToArray()));
        return ToRecommendations(userIds, rows, found, state);
    }

    /// <inheritdoc/>
    public float[] Score(int[] userIds, int[] movieIds)
    {
        var state = State;
        var d = state.Dimension;
        return PairScores.Compute(state.Users, state.Items, userIds, movieIds, (u, m) =>
            TensorPrimitives.Dot(state.UserFactors.AsSpan(u * d, d), state.ItemFactors.AsSpan(m * d, d)));
    }

    /// <inheritdoc/>
    public Recommendations SimilarItems(int[] movieIds, int k)
    {
        ArgumentNullException.ThrowIfNull(movieIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var state = State;
        var d = state.Dimension;
        var unit = state.UnitItemFactors;
        var rows = new List<int>(movieIds.Length);
        var queries = new List<int>(movieIds.Length);
        for (var r = 0; r < movieIds.Length; r++)
        {
            if (state.Items.TryGetIndex(movieIds[r], out var itemIndex))
            {
                rows.Add(r);
                queries.Add(itemIndex);
            }
        }

        var embeddings = new float[queries.Count * d];
        var offsets = new int[queries.Count + 1];
        for (var q = 0; q < queries.Count; q++)
        {
            unit.AsSpan(queries[q] * d, d).CopyTo(embeddings.AsSpan(q * d, d));
            offsets[q + 1] = q + 1;
        }

        var found = ExactTopK.Search(embeddings, unit, d, k, new ExcludedItems(offsets, queries.ToArray()));
        return ToRecommendations(movieIds, rows, found, state);
    }

    /// <inheritdoc/>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ImplicitAlsFile.Save(directory, Options, State);
        RecommenderStore.WriteManifest(directory, this);
    }

    /// <summary>Loads a model saved with <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">A file is missing, truncated or inconsistent.</exception>
    public static ImplicitAls Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var (options, state) = ImplicitAlsFile.Load(directory);
        return new ImplicitAls(options, state);
    }

    private static Recommendations ToRecommendations(int[] queryIds, List<int> rows, ExactTopKResult found, ImplicitAlsState state)
    {
        var stride = found.K;
        var lengths = new int[queryIds.Length];
        var ids = new int[(long)queryIds.Length * stride];
        var scores = new float[ids.Length];
        for (var q = 0; q < rows.Count; q++)
        {
            var row = rows[q];
            var items = found.ItemsAt(q);
            found.ScoresAt(q).CopyTo(scores.AsSpan(row * stride, items.Length));
            for (var i = 0; i < items.Length; i++)
            {
                ids[(row * stride) + i] = state.Items.IdAt(items[i]);
            }

            lengths[row] = items.Length;
        }

        return Recommendations.FromStrided((int[])queryIds.Clone(), stride, lengths, ids, scores);
    }

    /// <summary>Item-major copy of the user-major matrix (users ascending within each item).</summary>
    private static (int[] Offsets, int[] Users, float[] Weights) Transpose(SeenItems seen, float[] weights)
    {
        var offsets = new int[seen.ItemCount + 1];
        foreach (var item in seen.ItemIndices)
        {
            offsets[item + 1]++;
        }

        for (var i = 0; i < seen.ItemCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var next = (int[])offsets.Clone();
        var users = new int[seen.Count];
        var itemWeights = new float[seen.Count];
        for (var u = 0; u < seen.UserCount; u++)
        {
            for (var p = seen.Offsets[u]; p < seen.Offsets[u + 1]; p++)
            {
                var at = next[seen.ItemIndices[p]]++;
                users[at] = u;
                itemWeights[at] = weights[p];
            }
        }

        return (offsets, users, itemWeights);
    }
}

/// <summary>Progress of <see cref="ImplicitAls.Fit(TrainingData, Action{ImplicitAlsIteration})"/>.</summary>
/// <param name="Iteration">1-based sweep number.</param>
/// <param name="Elapsed">Wall time of this sweep (user half plus item half).</param>
public sealed record ImplicitAlsIteration(int Iteration, TimeSpan Elapsed);

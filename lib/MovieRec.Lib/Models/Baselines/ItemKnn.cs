using System.Globalization;
using MovieRec.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.Baselines;

/// <summary>
/// Item-based k-nearest-neighbours (Sarwar et al. 2001; Deshpande &amp; Karypis 2004): the similarity of two
/// movies is the shrunk cosine of their columns of the training matrix,
/// sim(i, j) = x_i·x_j / (‖x_i‖‖x_j‖ + shrinkage), and each movie j keeps its
/// <see cref="ItemKnnOptions.NeighbourhoodSize"/> most similar movies N_k(j). A user's score for j is
/// Σ_{i ∈ N_k(j), rated by the user} sim(i, j).
/// </summary>
/// <remarks>
/// Fit computes XᵀX block by block in TorchSharp (sparse Xᵀ times dense column blocks), divides by the norm
/// products and keeps each column's top k with <c>topk</c>, so memory is items × block, never items²; the
/// kept neighbours are stored both by target movie (for <see cref="Score"/> and <see cref="SimilarItems"/>)
/// and by source movie (for <see cref="Recommend"/>, which scatters each rated movie's row). Both paths add in
/// ascending source-item order, so a user's scores are identical alone, in a batch and in Score.
/// Zero similarities are not stored. Which of several movies tied at the k-th similarity is kept is decided by
/// TorchSharp's <c>topk</c> (deterministic on the CPU).
/// </remarks>
public sealed class ItemKnn : IRecommender
{
    private const string NeighboursFileName = "itemknn-neighbours.bin";
    private TrainingData? _data;

    // By target j: the neighbours i ∈ N_k(j), ascending, with sim(i, j).
    private int[] _targetOffsets = [];
    private int[] _targetNeighbours = [];
    private float[] _targetSimilarities = [];

    // The same entries by source i: the targets j with i ∈ N_k(j), ascending.
    private int[] _sourceOffsets = [];
    private int[] _sourceTargets = [];
    private float[] _sourceSimilarities = [];

    /// <summary>A model with the default options.</summary>
    public ItemKnn()
        : this(ItemKnnOptions.Default)
    {
    }

    /// <summary>A model with the given options.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ItemKnn(ItemKnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public ItemKnnOptions Options { get; }

    /// <inheritdoc />
    public string Name => string.Create(
        CultureInfo.InvariantCulture,
        $"ItemKnn(k={Options.NeighbourhoodSize}, shrinkage={Options.Shrinkage:G}{(Options.UseRatings ? ", ratings" : string.Empty)})");

    /// <summary>sim(i, j) if i is among j's kept neighbours, else 0 (item indices), after fitting.</summary>
    public float Similarity(int neighbourItemIndex, int targetItemIndex)
    {
        Fitted();
        var n = _targetOffsets.Length - 1;
        ArgumentOutOfRangeException.ThrowIfNegative(neighbourItemIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(neighbourItemIndex, n);
        ArgumentOutOfRangeException.ThrowIfNegative(targetItemIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(targetItemIndex, n);
        var neighbours = Neighbours(targetItemIndex);
        var position = neighbours.BinarySearch(neighbourItemIndex);
        return position >= 0 ? _targetSimilarities[_targetOffsets[targetItemIndex] + position] : 0f;
    }

    /// <inheritdoc />
    public void Fit(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.EnsureAtLeast(Name);
        TorchNative.EnsureLoaded();
        var interactions = new InteractionTensors(data.SeenItems, Options.UseRatings);
        var n = interactions.ItemCount;
        var keep = Math.Min(Options.NeighbourhoodSize, n - 1);
        var counts = new int[n];
        var neighbours = new int[(long)n * Math.Max(keep, 0)];
        var similarities = new float[neighbours.Length];
        if (keep > 0)
        {
            using var norms = tensor(Array.ConvertAll(interactions.ColumnNorms(), v => (float)v));
            var shrinkage = (float)Options.Shrinkage;
            interactions.ForEachGramBlock(interactions.SuggestedBlockSize(), (first, count, gram) =>
            {
                // In place where possible: fresh items × block tensors are the expensive part of this loop.
                var denominator = norms.unsqueeze(1).mul(norms.narrow(0, first, count).unsqueeze(0));
                var similarity = gram.div_(denominator.add_(shrinkage).clamp_min_(float.Epsilon));
                similarity.diagonal(-first).zero_(); // entries (first + c, c): a movie is not its own neighbour
                var (values, indices) = similarity.topk(keep, dim: 0);
                var valueArray = values.t().contiguous().data<float>().ToArray();
                var indexArray = indices.t().contiguous().data<long>().ToArray();
                for (var c = 0; c < count; c++)
                {
                    counts[first + c] = KeepPositive(
                        valueArray.AsSpan(c * keep, keep), indexArray.AsSpan(c * keep, keep),
                        neighbours.AsSpan((first + c) * keep, keep), similarities.AsSpan((first + c) * keep, keep));
                }
            });
        }

        (_targetOffsets, _targetNeighbours, _targetSimilarities) = Compact(counts, keep, neighbours, similarities);
        (_sourceOffsets, _sourceTargets, _sourceSimilarities) = Transpose(_targetOffsets, _targetNeighbours, _targetSimilarities);
        _data = data;
    }

    /// <inheritdoc />
    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null)
    {
        var data = Fitted()._data!;
        return RecommendationKernel.Recommend(data, userIds, k, options, (user, scores) =>
        {
            scores.Clear();
            foreach (var source in data.SeenItems.ItemsOf(user))
            {
                for (var p = _sourceOffsets[source]; p < _sourceOffsets[source + 1]; p++)
                {
                    scores[_sourceTargets[p]] += _sourceSimilarities[p];
                }
            }
        });
    }

    /// <inheritdoc />
    public float[] Score(int[] userIds, int[] movieIds)
    {
        var data = Fitted()._data!;
        return PairScores.Compute(data, userIds, movieIds, (user, target) =>
        {
            // Merge the user's movies with the target's neighbours, both ascending: the same additions in the
            // same order as Recommend's scatter.
            var seen = data.SeenItems.ItemsOf(user);
            var neighbours = Neighbours(target);
            var offset = _targetOffsets[target];
            var sum = 0f;
            for (int a = 0, b = 0; a < seen.Length && b < neighbours.Length;)
            {
                if (seen[a] < neighbours[b])
                {
                    a++;
                }
                else if (seen[a] > neighbours[b])
                {
                    b++;
                }
                else
                {
                    sum += _targetSimilarities[offset + b];
                    a++;
                    b++;
                }
            }

            return sum;
        });
    }

    /// <inheritdoc />
    public Recommendations SimilarItems(int[] movieIds, int k)
    {
        var data = Fitted()._data!;
        return RecommendationKernel.SimilarItems(data.ItemVocabulary, movieIds, k, (item, scores) =>
        {
            scores.Clear();
            var offset = _targetOffsets[item];
            var neighbours = Neighbours(item);
            for (var p = 0; p < neighbours.Length; p++)
            {
                scores[neighbours[p]] = _targetSimilarities[offset + p];
            }
        });
    }

    /// <inheritdoc />
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var data = Fitted()._data!;
        BaselineFiles.WriteTrainingData(directory, data);
        BaselineFiles.WriteOptions(directory, Options);
        BaselineFiles.Write(Path.Combine(directory, NeighboursFileName), "ItemKnn", writer =>
        {
            BaselineFiles.WriteArray(writer, _targetOffsets);
            BaselineFiles.WriteArray(writer, _targetNeighbours);
            BaselineFiles.WriteArray(writer, _targetSimilarities);
        });
        RecommenderStore.WriteManifest(directory, this);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">A file is corrupt or does not match the training data.</exception>
    public static ItemKnn Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var data = BaselineFiles.ReadTrainingData(directory);
        var model = new ItemKnn(BaselineFiles.ReadOptions<ItemKnnOptions>(directory));
        var path = Path.Combine(directory, NeighboursFileName);
        var (offsets, neighbours, similarities) = BaselineFiles.Read(path, "ItemKnn", reader =>
            (BaselineFiles.ReadArray<int>(reader), BaselineFiles.ReadArray<int>(reader), BaselineFiles.ReadArray<float>(reader)));
        var n = data.ItemVocabulary.Count;
        BaselineFiles.ExpectLength(offsets, n + 1, directory, "the neighbour offsets");
        BaselineFiles.ExpectLength(similarities, neighbours.Length, directory, "the similarities");
        if (offsets[0] != 0 || offsets[n] != neighbours.Length || neighbours.Any(i => (uint)i >= (uint)n))
        {
            throw new InvalidDataException($"{path}: the neighbour lists are inconsistent with {n} movies.");
        }

        (model._targetOffsets, model._targetNeighbours, model._targetSimilarities) = (offsets, neighbours, similarities);
        (model._sourceOffsets, model._sourceTargets, model._sourceSimilarities) = Transpose(offsets, neighbours, similarities);
        model._data = data;
        return model;
    }

    private ReadOnlySpan<int> Neighbours(int target) =>
        _targetNeighbours.AsSpan(_targetOffsets[target], _targetOffsets[target + 1] - _targetOffsets[target]);

    /// <summary>Keeps the positive similarities of one column's top k, sorted by neighbour index; returns how many.</summary>
    private static int KeepPositive(ReadOnlySpan<float> values, ReadOnlySpan<long> indices, Span<int> neighbours, Span<float> similarities)
    {
        var count = 0;
        for (var p = 0; p < values.Length; p++)
        {
            if (values[p] > 0)
            {
                neighbours[count] = (int)indices[p];
                similarities[count] = values[p];
                count++;
            }
        }

        neighbours[..count].Sort(similarities[..count]);
        return count;
    }

    /// <summary>Packs fixed-stride neighbour lists into CSR.</summary>
    private static (int[] Offsets, int[] Indices, float[] Values) Compact(int[] counts, int stride, int[] indices, float[] values)
    {
        var offsets = new int[counts.Length + 1];
        for (var j = 0; j < counts.Length; j++)
        {
            offsets[j + 1] = offsets[j] + counts[j];
        }

        var packedIndices = new int[offsets[^1]];
        var packedValues = new float[offsets[^1]];
        for (var j = 0; j < counts.Length; j++)
        {
            Array.Copy(indices, (long)j * stride, packedIndices, offsets[j], counts[j]);
            Array.Copy(values, (long)j * stride, packedValues, offsets[j], counts[j]);
        }

        return (offsets, packedIndices, packedValues);
    }

    /// <summary>CSR by target → CSR by source (counting sort; targets come out ascending within a source).</summary>
    private static (int[] Offsets, int[] Indices, float[] Values) Transpose(int[] offsets, int[] indices, float[] values)
    {
        var n = offsets.Length - 1;
        var transposedOffsets = new int[n + 1];
        foreach (var source in indices)
        {
            transposedOffsets[source + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            transposedOffsets[i + 1] += transposedOffsets[i];
        }

        var next = (int[])transposedOffsets.Clone();
        var targets = new int[indices.Length];
        var transposedValues = new float[indices.Length];
        for (var target = 0; target < n; target++)
        {
            for (var p = offsets[target]; p < offsets[target + 1]; p++)
            {
                var slot = next[indices[p]]++;
                targets[slot] = target;
                transposedValues[slot] = values[p];
            }
        }

        return (transposedOffsets, targets, transposedValues);
    }

    private ItemKnn Fitted() =>
        _data is null ? throw new InvalidOperationException($"{Name} is not fitted: call Fit or Load first.") : this;
}

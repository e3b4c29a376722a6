using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Cloud.Unum.USearch;
using NativeScalar = Cloud.Unum.USearch.ScalarKind;

namespace MovieRec.Retrieval;

/// <summary>
/// Approximate top-k retrieval over item embeddings with an HNSW graph (USearch): the counterpart of
/// <see cref="ExactTopK"/> for when scanning every item per query is too slow. Items are the rows of a row-major
/// count × dimension array; row i is item index i, as in <see cref="ExactTopK"/>. Results come back in the same
/// <see cref="ExactTopKResult"/> table, so code that consumes exact results takes approximate ones unchanged and
/// <see cref="RecallAgainstExact"/> can compare the two.
/// </summary>
/// <remarks>
/// <para>Scores are recomputed in managed code for the candidates the graph returns
/// (<see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, the function <see cref="ExactTopK"/> and
/// the models use), and rows are ordered by that score, ties to the lower index. So an item found by both searches has
/// the same score in both; only which items are found is approximate.</para>
/// <para>Exclusions (<see cref="ExcludedItems"/>, e.g. a user's seen movies) are by default filtered inside the graph
/// search (<see cref="ApproximateExclusion.Filter"/>), so excluded items cost no extra search width; the older
/// over-fetch (ask for k + e, drop the excluded) is kept as <see cref="ApproximateExclusion.OverFetch"/>.</para>
/// <para>The index owns native memory: dispose it. <see cref="Search"/> may run concurrently with itself;
/// <see cref="ExpansionSearch"/> must not be changed while a search runs.</para>
/// </remarks>
public sealed partial class ApproximateIndex : IDisposable
{
    private readonly USearchNative.IndexHandle _handle;
    private readonly float[] _items;
    private int _expansionSearch;
    private int _searchThreads;

    private ApproximateIndex(
        USearchNative.IndexHandle handle, float[] items, int dimension, ApproximateMetric metric, ApproximateScalarKind scalarKind, int searchThreads, int expansionSearch)
    {
        ScalarKind = scalarKind;
        _handle = handle;
        _items = items;
        Dimension = dimension;
        ItemCount = items.Length / dimension;
        Metric = metric;
        _searchThreads = searchThreads;
        ExpansionSearch = expansionSearch;
    }

    /// <summary>Embedding size.</summary>
    public int Dimension { get; }

    /// <summary>Number of items (rows) in the index.</summary>
    public int ItemCount { get; }

    /// <summary>The similarity the index was built for.</summary>
    public ApproximateMetric Metric { get; }

    /// <summary>How <see cref="Search"/> leaves out excluded items; do not change it while a search runs.</summary>
    public ApproximateExclusion Exclusion { get; set; } = ApproximateExclusion.Filter;

    /// <summary>How the graph stores vectors (as built or loaded).</summary>
    public ApproximateScalarKind ScalarKind { get; }

    /// <summary>
    /// Queries searched at once by <see cref="Search"/> (each thread has its own USearch search context). Takes effect
    /// for the next <see cref="Search"/>; do not change it while a search runs. Answers do not depend on it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int SearchThreads
    {
        get => _searchThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(SearchThreads));
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            USearchNative.usearch_change_threads_search(_handle, (nuint)value, out var error);
            USearchNative.Check(error, "change_threads_search");
            _searchThreads = value;
        }
    }

    /// <summary>Links per node of the graph (as built or loaded).</summary>
    public int Connectivity => (int)Call(USearchNative.usearch_connectivity, "connectivity");

    /// <summary>
    /// Candidate list size of a search (HNSW's ef): larger is slower and finds more of the true top-k. Takes effect
    /// for the next <see cref="Search"/>; do not change it while a search runs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int ExpansionSearch
    {
        get => _expansionSearch;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(ExpansionSearch));
            USearchNative.usearch_change_expansion_search(_handle, (nuint)value, out var error);
            USearchNative.Check(error, "change_expansion_search");
            _expansionSearch = value;
        }
    }

    /// <summary>The SIMD kernels USearch uses for the metric on this CPU (e.g. "haswell", "skylake"; "serial" means none).</summary>
    public string HardwareAcceleration
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return USearchNative.HardwareAcceleration(_handle);
        }
    }

    /// <summary>Bytes of native memory the index uses (graph and vectors), as USearch reports it.</summary>
    public long MemoryUsageBytes => (long)Call(USearchNative.usearch_memory_usage, "memory_usage");

    /// <summary>Builds an index over items that are the rows of <paramref name="itemEmbeddings"/> (item index = row).</summary>
    /// <param name="itemEmbeddings">Items × dimension, row-major, finite; copied, so the caller may reuse the array.</param>
    /// <param name="dimension">Embedding size, at least 1.</param>
    /// <param name="options">Graph settings; null means <see cref="ApproximateIndexOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">No items, a length that is not a multiple of the dimension, a value that is not finite, or invalid options.</exception>
    public static ApproximateIndex Build(float[] itemEmbeddings, int dimension, ApproximateIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(itemEmbeddings);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        options ??= ApproximateIndexOptions.Default;
        options.Validate(nameof(options));
        var itemCount = RowsOf(itemEmbeddings, dimension, nameof(itemEmbeddings));
        if (itemCount == 0)
        {
            throw new ArgumentException("An index needs at least one item.", nameof(itemEmbeddings));
        }

        if (options.ScalarKind == ApproximateScalarKind.Int8)
        {
            // USearch stores round(127·x): anything outside [−1, 1] would be clipped, silently distorting the graph.
            var outside = Array.FindIndex(itemEmbeddings, value => Math.Abs(value) > 1);
            if (outside >= 0)
            {
                throw new ArgumentException(
                    $"An Int8 index needs coordinates in [-1, 1] (e.g. L2-normalised vectors); row {outside / dimension}, column {outside % dimension} is {itemEmbeddings[outside]}.",
                    nameof(itemEmbeddings));
            }
        }

        var items = (float[])itemEmbeddings.Clone();
        var handle = USearchNative.Create(new USearchNative.InitOptions
        {
            MetricKind = ToNative(options.Metric),
            Quantization = ToNative(options.ScalarKind),
            Dimensions = (nuint)dimension,
            Connectivity = (nuint)options.Connectivity,
            ExpansionAdd = (nuint)options.ExpansionAdd,
            ExpansionSearch = (nuint)options.ExpansionSearch,
        });
        try
        {
            USearchNative.usearch_reserve(handle, (nuint)itemCount, out var error);
            USearchNative.Check(error, "reserve");
            // USearch keeps one level generator per thread context (all with the same fixed seed) and hands
            // contexts out in turn, so the graph depends on how many contexts exist while adding. The search
            // thread count is therefore raised only after the build: a graph built with one thread is the same
            // whatever SearchThreads is (it still depends on the host's hardware thread count, which sizes the
            // context pool USearch creates up front).
            USearchNative.usearch_change_threads_add(handle, (nuint)options.BuildThreads, out error);
            USearchNative.Check(error, "change_threads_add");
            if (options.BuildThreads == 1)
            {
                // Strictly in item order: with one thread the graph depends only on the items (see above).
                for (var item = 0; item < itemCount; item++)
                {
                    Add(handle, items, dimension, item);
                }
            }
            else
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.BuildThreads };
                Parallel.For(0, itemCount, parallel, item => Add(handle, items, dimension, item));
            }
            SetThreads(handle, options.BuildThreads, options.SearchThreads);
            return new ApproximateIndex(handle, items, dimension, options.Metric, options.ScalarKind, options.SearchThreads, options.ExpansionSearch)
            {
                Exclusion = options.Exclusion,
            };
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The approximate top-<paramref name="k"/> items for each query (the rows of <paramref name="queryEmbeddings"/>),
    /// leaving out excluded items; the same table as <see cref="ExactTopK.Search"/> returns.
    /// </summary>
    /// <param name="queryEmbeddings">Queries × <see cref="Dimension"/>, row-major, finite.</param>
    /// <param name="k">Items per row, at least 1.</param>
    /// <param name="excluded">Per-query excluded item indices (one row per query), or null for none.</param>
    /// <exception cref="ArgumentException">Shapes disagree, a value is not finite, or an excluded index is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The index was disposed.</exception>
    public ExactTopKResult Search(float[] queryEmbeddings, int k, ExcludedItems? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(queryEmbeddings);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var queryCount = RowsOf(queryEmbeddings, Dimension, nameof(queryEmbeddings));
        ValidateExcluded(excluded, queryCount);

        var stride = Math.Min(k, ItemCount);
        var lengths = new int[queryCount];
        var indices = new int[(long)queryCount * stride];
        var scores = new float[indices.Length];
        Array.Fill(indices, -1);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = SearchThreads };
        Parallel.For(0, queryCount, parallel, () => new SearchScratch(), (query, _, scratch) =>
        {
            var excludedRow = excluded is null ? [] : excluded.RowAt(query);
            var count = SearchOne(queryEmbeddings.AsSpan(query * Dimension, Dimension), stride, excludedRow, scratch);
            var at = query * stride;
            for (var i = 0; i < count; i++)
            {
                indices[at + i] = scratch.Chosen[i].Index;
                scores[at + i] = scratch.Chosen[i].Score;
            }

            lengths[query] = count;
            return scratch;
        }, _ => { });

        return new ExactTopKResult(queryCount, stride, lengths, indices, scores);
    }

    /// <summary>Frees the native index.</summary>
    public void Dispose() => _handle.Dispose();

    /// <summary>
    /// Asks the graph for the query's neighbours without the excluded items (filtered, or over-fetched and dropped, see
    /// <see cref="Exclusion"/>), re-scores them with the managed dot product and orders them.
    /// </summary>
    private unsafe int SearchOne(ReadOnlySpan<float> query, int stride, ReadOnlySpan<int> excludedRow, SearchScratch scratch)
    {
        var filter = excludedRow.Length > 0 && Exclusion == ApproximateExclusion.Filter;
        var wanted = (long)stride + (filter ? 0 : excludedRow.Length);

        // A graph over quantized vectors ranks its candidates by approximate distances; it has explored
        // ExpansionSearch of them anyway, so taking them all and re-ranking with exact scores costs only the dot products.
        if (ScalarKind != ApproximateScalarKind.Float32)
        {
            wanted = Math.Max(wanted, _expansionSearch);
        }

        var fetch = (int)Math.Min(ItemCount, wanted);
        scratch.Ensure(fetch, ItemCount);
        var mask = scratch.Excluded;
        foreach (var item in excludedRow)
        {
            mask[item] = 1;
        }

        try
        {
            nuint found;
            nint error;
            fixed (float* queryPointer = query)
            fixed (ulong* keys = scratch.Keys)
            fixed (float* distances = scratch.Distances)
            fixed (byte* maskPointer = mask)
            {
                found = filter
                    ? USearchNative.usearch_filtered_search(
                        _handle, queryPointer, NativeScalar.Float32, (nuint)fetch, &IsNotExcluded, maskPointer, keys, distances, out error)
                    : USearchNative.usearch_search(_handle, queryPointer, NativeScalar.Float32, (nuint)fetch, keys, distances, out error);
            }

            USearchNative.Check(error, "search");
            var queryNorm = Metric == ApproximateMetric.Cosine ? TensorPrimitives.Norm(query) : 1f;
            var kept = 0;
            for (var i = 0; i < (int)found; i++)
            {
                var item = (int)scratch.Keys[i];
                if (mask[item] != 0)
                {
                    continue;
                }

                scratch.Chosen[kept++] = new Candidate(ScoreOf(query, queryNorm, item), item);
            }

            var chosen = scratch.Chosen.AsSpan(0, kept);
            chosen.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index));
            return Math.Min(stride, kept);
        }
        finally
        {
            foreach (var item in excludedRow)
            {
                mask[item] = 0;
            }
        }
    }

    /// <summary>USearch's filter callback: the state is the searching thread's mask of excluded items (keys are item indices).</summary>
    [UnmanagedCallersOnly]
    private static unsafe int IsNotExcluded(ulong key, void* mask) => ((byte*)mask)[key] == 0 ? 1 : 0;

    private float ScoreOf(ReadOnlySpan<float> query, float queryNorm, int item)
    {
        var row = _items.AsSpan(item * Dimension, Dimension);
        var dot = TensorPrimitives.Dot(query, row);
        if (Metric == ApproximateMetric.InnerProduct)
        {
            return dot;
        }

        var norms = queryNorm * TensorPrimitives.Norm(row);
        return norms > 0 ? dot / norms : 0f;
    }

    private static unsafe void Add(USearchNative.IndexHandle handle, float[] items, int dimension, int item)
    {
        nint error;
        fixed (float* vector = &items[item * dimension])
        {
            USearchNative.usearch_add(handle, (ulong)item, vector, NativeScalar.Float32, out error);
        }

        USearchNative.Check(error, "add");
    }

    private static void SetThreads(USearchNative.IndexHandle handle, int buildThreads, int searchThreads)
    {
        USearchNative.usearch_change_threads_add(handle, (nuint)buildThreads, out var error);
        USearchNative.Check(error, "change_threads_add");
        USearchNative.usearch_change_threads_search(handle, (nuint)searchThreads, out error);
        USearchNative.Check(error, "change_threads_search");
    }

    private nuint Call(NativeQuery query, string operation)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var value = query(_handle, out var error);
        USearchNative.Check(error, operation);
        return value;
    }

    private delegate nuint NativeQuery(USearchNative.IndexHandle handle, out nint error);

    private static NativeScalar ToNative(ApproximateScalarKind kind) => kind switch
    {
        ApproximateScalarKind.Float16 => NativeScalar.Float16,
        ApproximateScalarKind.Int8 => NativeScalar.Int8,
        _ => NativeScalar.Float32,
    };

    private static MetricKind ToNative(ApproximateMetric metric) => metric == ApproximateMetric.Cosine ? MetricKind.Cos : MetricKind.Ip;

    private static int RowsOf(float[] embeddings, int dimension, string parameterName)
    {
        if (embeddings.Length % dimension != 0)
        {
            throw new ArgumentException($"Length {embeddings.Length} is not a multiple of the dimension {dimension}.", parameterName);
        }

        var firstBad = IndexOfNonFinite(embeddings);
        if (firstBad >= 0)
        {
            throw new ArgumentException(
                $"Embedding value {embeddings[firstBad]} at row {firstBad / dimension}, column {firstBad % dimension} is not finite.", parameterName);
        }

        return embeddings.Length / dimension;
    }

    private static int IndexOfNonFinite(float[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void ValidateExcluded(ExcludedItems? excluded, int queryCount)
    {
        if (excluded is null)
        {
            return;
        }

        if (excluded.RowCount != queryCount)
        {
            throw new ArgumentException($"Exclusions have {excluded.RowCount} rows but there are {queryCount} queries.", nameof(excluded));
        }

        foreach (var item in excluded.ItemIndices)
        {
            if ((uint)item >= (uint)ItemCount)
            {
                throw new ArgumentException($"Excluded item index {item} is outside 0..{ItemCount - 1}.", nameof(excluded));
            }
        }
    }

    private readonly record struct Candidate(float Score, int Index);

    /// <summary>Per-thread buffers, grown to the largest fetch seen, and a mask of the current query's excluded items (all zero between queries).</summary>
    private sealed class SearchScratch
    {
        public ulong[] Keys = [];
        public float[] Distances = [];
        public Candidate[] Chosen = [];
        public byte[] Excluded = [];

        public void Ensure(int fetch, int itemCount)
        {
            if (Keys.Length < fetch)
            {
                Keys = new ulong[fetch];
                Distances = new float[fetch];
                Chosen = new Candidate[fetch];
            }

            if (Excluded.Length < itemCount)
            {
                Excluded = new byte[itemCount];
            }
        }
    }
}

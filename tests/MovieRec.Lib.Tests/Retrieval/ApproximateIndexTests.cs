using System.Numerics.Tensors;
using MovieRec.Retrieval;

namespace MovieRec.Tests.Retrieval;

// In the Torch collection because the recall test runs ExactTopK (TorchSharp) as the reference.
[Collection(TorchCollection.Name)]
public sealed class ApproximateIndexTests
{
    // Five 2-d items; for the query (1, 0) the inner products are 3, 2, 1, 0, -1 (items 0..4 in order).
    private static readonly float[] FiveItems = [3, 9, 2, -4, 1, 7, 0, 5, -1, 0];

    [Fact]
    public void FindsTheExactTopKOnATinySet()
    {
        using var index = ApproximateIndex.Build(FiveItems, 2);

        var result = index.Search([1, 0, -1, 0], 2);

        Assert.Equal(2, result.RowCount);
        Assert.Equal(2, result.K);
        Assert.Equal([0, 1], result.ItemsAt(0).ToArray());
        Assert.Equal([3f, 2f], result.ScoresAt(0).ToArray());
        Assert.Equal([4, 3], result.ItemsAt(1).ToArray());
        Assert.Equal([1f, 0f], result.ScoresAt(1).ToArray());
    }

    [Fact]
    public void ExcludedItemsNeverAppearAndRowsStayFull()
    {
        using var index = ApproximateIndex.Build(FiveItems, 2);
        // Query 0 excludes its two best items (0 and 1); query 1 excludes nothing.
        var excluded = new ExcludedItems([0, 2, 2], [1, 0]);

        var result = index.Search([1, 0, 1, 0], 2, excluded);

        Assert.Equal([2, 3], result.ItemsAt(0).ToArray());
        Assert.Equal([0, 1], result.ItemsAt(1).ToArray());
    }

    [Fact]
    public void RowsAreShortOnlyWhenExclusionsLeaveTooFewItems()
    {
        using var index = ApproximateIndex.Build(FiveItems, 2);
        var excluded = new ExcludedItems([0, 4], [0, 1, 2, 3]);

        var result = index.Search([1, 0], 3, excluded);

        Assert.Equal(3, result.K);
        Assert.Equal([4], result.ItemsAt(0).ToArray());
        Assert.Equal(-1, result.ItemIndices[1]);
    }

    [Fact]
    public void CosineScoresAreCosines()
    {
        // Item 0 has the larger dot product with (1, 1), item 1 the larger cosine.
        float[] items = [10, 0, 1, 1];
        using var cosine = ApproximateIndex.Build(items, 2, new ApproximateIndexOptions { Metric = ApproximateMetric.Cosine });
        using var inner = ApproximateIndex.Build(items, 2);

        var byCosine = cosine.Search([1, 1], 2);
        var byDot = inner.Search([1, 1], 2);

        Assert.Equal([1, 0], byCosine.ItemsAt(0).ToArray());
        Assert.Equal(1f, byCosine.ScoresAt(0)[0], 5);
        Assert.Equal(MathF.Sqrt(0.5f), byCosine.ScoresAt(0)[1], 5);
        Assert.Equal([0, 1], byDot.ItemsAt(0).ToArray());
        Assert.Equal([10f, 2f], byDot.ScoresAt(0).ToArray());
    }

    [Fact]
    public void SaveAndLoadGiveIdenticalResults()
    {
        var (users, items) = ClusteredEmbeddings.Generate(200, 1_000, new ClusteredEmbeddingsOptions { Dimension = 16, Clusters = 20, Seed = 3 });
        var options = new ApproximateIndexOptions { Connectivity = 8, ExpansionSearch = 24 };
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "sub", "items.usearch");
        using var built = ApproximateIndex.Build(items, 16, options);
        var before = built.Search(users, 10);

        built.Save(path);
        using var loaded = ApproximateIndex.Load(path, options);
        var after = loaded.Search(users, 10);

        Assert.Equal(16, loaded.Dimension);
        Assert.Equal(1_000, loaded.ItemCount);
        Assert.Equal(8, loaded.Connectivity);
        Assert.Equal(24, loaded.ExpansionSearch);
        Assert.Equal(ApproximateMetric.InnerProduct, loaded.Metric);
        Assert.Equal(before.Lengths, after.Lengths);
        Assert.Equal(before.ItemIndices, after.ItemIndices);
        Assert.Equal(before.Scores, after.Scores);
        Assert.Equal(["items.usearch"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void RecallIsAtLeast95PercentOnClusteredVectorsWithExclusions()
    {
        const int users = 500, itemCount = 4_000, dimension = 32, k = 10;
        var (queries, items) = ClusteredEmbeddings.Generate(users, itemCount, new ClusteredEmbeddingsOptions { Dimension = dimension, Clusters = 64, Seed = 9 });
        var random = new Random(4);
        var offsets = new int[users + 1];
        var excludedItems = new List<int>();
        for (var u = 0; u < users; u++)
        {
            var count = random.Next(0, 40);
            for (var j = 0; j < count; j++)
            {
                excludedItems.Add(random.Next(itemCount));
            }

            offsets[u + 1] = excludedItems.Count;
        }

        var excluded = new ExcludedItems(offsets, [.. excludedItems]);
        using var index = ApproximateIndex.Build(items, dimension);

        var approximate = index.Search(queries, k, excluded);
        var exact = ExactTopK.Search(queries, items, dimension, k, excluded);

        var recall = ApproximateIndex.RecallAgainstExact(approximate, exact, k);
        Assert.True(recall >= 0.95, $"recall@{k} = {recall:F4}");
        for (var u = 0; u < users; u++)
        {
            Assert.Equal(k, approximate.Lengths[u]);
            Assert.Empty(approximate.ItemsAt(u).ToArray().Intersect(excluded.RowAt(u).ToArray()));
            // Scores are the managed dot products of the returned items.
            var item = approximate.ItemsAt(u)[0];
            Assert.Equal(
                TensorPrimitives.Dot(queries.AsSpan(u * dimension, dimension), items.AsSpan(item * dimension, dimension)),
                approximate.ScoresAt(u)[0]);
        }
    }

    [Fact]
    public void SingleThreadedBuildsAreDeterministicAndParallelSearchMatchesSequential()
    {
        var (users, items) = ClusteredEmbeddings.Generate(300, 2_000, new ClusteredEmbeddingsOptions { Dimension = 8, Clusters = 10, Seed = 5 });
        var options = new ApproximateIndexOptions { ExpansionSearch = 12, SearchThreads = 1 };
        using var first = ApproximateIndex.Build(items, 8, options);
        using var second = ApproximateIndex.Build(items, 8, options);
        using var parallelSearch = ApproximateIndex.Build(items, 8, options with { SearchThreads = 4 });

        var sequential = first.Search(users, 5);
        var rebuilt = second.Search(users, 5);
        var parallel = parallelSearch.Search(users, 5);

        Assert.Equal(sequential.ItemIndices, rebuilt.ItemIndices);
        Assert.Equal(sequential.ItemIndices, parallel.ItemIndices);
        Assert.Equal(sequential.Scores, parallel.Scores);
    }

    [Fact]
    public void RecallAgainstExactCountsSharedItemsPerRow()
    {
        // Row 0: 1 of the exact {1, 2} found (but not the best, 1); row 1: both of {5, 6}; row 2: empty exact row is skipped.
        var exact = new ExactTopKResult(3, 2, [2, 2, 0], [1, 2, 5, 6, -1, -1], new float[6]);
        var approximate = new ExactTopKResult(3, 2, [2, 2, 1], [2, 9, 5, 6, 3, -1], new float[6]);

        Assert.Equal(0.75, ApproximateIndex.RecallAgainstExact(approximate, exact, 2), 12);
        Assert.Equal(0.5, ApproximateIndex.RecallAgainstExact(approximate, exact, 1), 12);
        Assert.Throws<ArgumentException>(() => ApproximateIndex.RecallAgainstExact(approximate, exact, 3));
    }

    [Fact]
    public void BadArgumentsAreRejectedWithTheParameterName()
    {
        Assert.Equal("itemEmbeddings", Assert.Throws<ArgumentException>(() => ApproximateIndex.Build([1, 2, 3], 2)).ParamName);
        Assert.Equal("itemEmbeddings", Assert.Throws<ArgumentException>(() => ApproximateIndex.Build([1, float.NaN], 2)).ParamName);
        Assert.Equal("itemEmbeddings", Assert.Throws<ArgumentException>(() => ApproximateIndex.Build([], 2)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(
            () => ApproximateIndex.Build(FiveItems, 2, new ApproximateIndexOptions { Connectivity = 1 })).ParamName);

        using var index = ApproximateIndex.Build(FiveItems, 2);
        Assert.Equal("queryEmbeddings", Assert.Throws<ArgumentException>(() => index.Search([1, 0, 1], 1)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([1, 0], 0)).ParamName);
        Assert.Equal("excluded", Assert.Throws<ArgumentException>(() => index.Search([1, 0], 1, new ExcludedItems([0, 1], [5]))).ParamName);
        Assert.Equal("excluded", Assert.Throws<ArgumentException>(() => index.Search([1, 0], 1, new ExcludedItems([0, 0, 0], []))).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.ExpansionSearch = 0);
    }

    [Fact]
    public void DisposedIndexAndForeignFilesAreReportedClearly()
    {
        var index = ApproximateIndex.Build(FiveItems, 2);
        index.Dispose();
        Assert.Throws<ObjectDisposedException>(() => index.Search([1, 0], 1));

        using var dir = new TempDirectory();
        var garbage = dir.Write("not-an-index.usearch", "hello, this is not an index");
        Assert.Throws<InvalidDataException>(() => ApproximateIndex.Load(garbage));
        Assert.Throws<FileNotFoundException>(() => ApproximateIndex.Load(Path.Combine(dir.Path, "missing.usearch")));
    }
}

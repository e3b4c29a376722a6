using System.Numerics.Tensors;
using MovieRec.Retrieval;

namespace MovieRec.Tests.Retrieval;

// Scalar kinds, exclusion strategies and thread changes. In the Torch collection: ExactTopK is the reference.
[Collection(TorchCollection.Name)]
public sealed class ApproximateIndexOptionsTests
{
    private const int Dimension = 16;

    [Theory]
    [InlineData(ApproximateScalarKind.Float16)]
    [InlineData(ApproximateScalarKind.Int8)]
    public void QuantizedIndexesFindTheExactNeighboursWithExactScores(ApproximateScalarKind kind)
    {
        // 300 items and a search as wide as the catalogue: the graph returns every item, so re-ranking with the
        // float vectors must give exactly ExactTopK's answer, scores included, despite the quantized distances.
        var (queries, items) = Vectors(40, 300);
        using var index = ApproximateIndex.Build(items, Dimension, new ApproximateIndexOptions { ScalarKind = kind, ExpansionSearch = 300 });

        var approximate = index.Search(queries, 10);
        var exact = ExactTopK.Search(queries, items, Dimension, 10);

        Assert.Equal(kind, index.ScalarKind);
        Assert.Equal(exact.ItemIndices, approximate.ItemIndices);
        Assert.Equal(exact.Scores, approximate.Scores);
    }

    [Fact]
    public void Int8KeepsHighRecallAtAnOrdinarySearchWidth()
    {
        var (queries, items) = Vectors(200, 3_000);
        using var index = ApproximateIndex.Build(items, Dimension, new ApproximateIndexOptions { ScalarKind = ApproximateScalarKind.Int8 });

        var recall = ApproximateIndex.RecallAgainstExact(index.Search(queries, 10), ExactTopK.Search(queries, items, Dimension, 10), 10);

        Assert.True(recall >= 0.95, $"recall@10 = {recall:F4}");
    }

    [Theory]
    [InlineData(ApproximateScalarKind.Float16)]
    [InlineData(ApproximateScalarKind.Int8)]
    public void QuantizedIndexesRoundTripGivenTheirFloatVectors(ApproximateScalarKind kind)
    {
        var (queries, items) = Vectors(100, 1_000);
        var options = new ApproximateIndexOptions { ScalarKind = kind, ExpansionSearch = 40 };
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "items.usearch");
        using var built = ApproximateIndex.Build(items, Dimension, options);
        var before = built.Search(queries, 10);

        built.Save(path);
        using var loaded = ApproximateIndex.Load(path, options, items);
        var after = loaded.Search(queries, 10);

        Assert.Equal(kind, loaded.ScalarKind);
        Assert.Equal(before.ItemIndices, after.ItemIndices);
        Assert.Equal(before.Scores, after.Scores);
        Assert.Equal("itemEmbeddings", Assert.Throws<ArgumentException>(() => ApproximateIndex.Load(path, options)).ParamName);
        var other = Vectors(1, 1_000, seed: 8).Items;
        Assert.Equal("itemEmbeddings", Assert.Throws<ArgumentException>(() => ApproximateIndex.Load(path, options, other)).ParamName);
        Assert.Equal("itemEmbeddings", Assert.Throws<ArgumentException>(() => ApproximateIndex.Load(path, options, items[..^Dimension])).ParamName);
    }

    [Fact]
    public void Int8RejectsCoordinatesOutsideMinusOneToOne()
    {
        var error = Assert.Throws<ArgumentException>(
            () => ApproximateIndex.Build([0.5f, 1.5f], 2, new ApproximateIndexOptions { ScalarKind = ApproximateScalarKind.Int8 }));

        Assert.Equal("itemEmbeddings", error.ParamName);
        Assert.Contains("row 0, column 1", error.Message);
    }

    [Theory]
    [InlineData(ApproximateExclusion.Filter)]
    [InlineData(ApproximateExclusion.OverFetch)]
    public void BothExclusionStrategiesLeaveOutExactlyTheExcludedItems(ApproximateExclusion strategy)
    {
        // Each query excludes its own exact top 5, the hardest case for a graph search; with a search as wide as the
        // catalogue the answer must equal ExactTopK's with the same exclusions.
        var (queries, items) = Vectors(30, 400);
        var top = ExactTopK.Search(queries, items, Dimension, 5);
        var excluded = new ExcludedItems([.. Enumerable.Range(0, 31).Select(row => row * 5)], top.ItemIndices);
        using var index = ApproximateIndex.Build(items, Dimension, new ApproximateIndexOptions { ExpansionSearch = 400, Exclusion = strategy });

        var approximate = index.Search(queries, 10, excluded);
        var exact = ExactTopK.Search(queries, items, Dimension, 10, excluded);

        Assert.Equal(strategy, index.Exclusion);
        Assert.Equal(exact.ItemIndices, approximate.ItemIndices);
        for (var q = 0; q < 30; q++)
        {
            Assert.Empty(approximate.ItemsAt(q).ToArray().Intersect(excluded.RowAt(q).ToArray()));
        }
    }

    [Fact]
    public void FilteredSearchKeepsRecallWithManyExclusionsAtTheSameWidth()
    {
        // 60 random exclusions per query: over-fetching asks for 70 results (a wider search), filtering does not.
        var (queries, items) = Vectors(200, 3_000);
        var random = new Random(11);
        var excluded = new ExcludedItems(
            [.. Enumerable.Range(0, 201).Select(row => row * 60)], [.. Enumerable.Range(0, 200 * 60).Select(_ => random.Next(3_000))]);
        using var index = ApproximateIndex.Build(items, Dimension);
        var exact = ExactTopK.Search(queries, items, Dimension, 10, excluded);

        var recall = ApproximateIndex.RecallAgainstExact(index.Search(queries, 10, excluded), exact, 10);

        Assert.True(recall >= 0.95, $"recall@10 = {recall:F4}");
    }

    [Fact]
    public void ChangingSearchThreadsDoesNotChangeAnswers()
    {
        var (queries, items) = Vectors(300, 2_000);
        using var index = ApproximateIndex.Build(items, Dimension, new ApproximateIndexOptions { ExpansionSearch = 16, SearchThreads = 1 });
        var one = index.Search(queries, 5);

        index.SearchThreads = 3;
        var three = index.Search(queries, 5);

        Assert.Equal(3, index.SearchThreads);
        Assert.Equal(one.ItemIndices, three.ItemIndices);
        Assert.Equal(one.Scores, three.Scores);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SearchThreads = 0);
    }

    [Fact]
    public void ScoresAreManagedDotProductsOfTheFloatVectors()
    {
        var (queries, items) = Vectors(5, 500);
        using var index = ApproximateIndex.Build(items, Dimension, new ApproximateIndexOptions { ScalarKind = ApproximateScalarKind.Int8 });

        var result = index.Search(queries, 3);

        for (var q = 0; q < 5; q++)
        {
            var item = result.ItemsAt(q)[0];
            Assert.Equal(TensorPrimitives.Dot(queries.AsSpan(q * Dimension, Dimension), items.AsSpan(item * Dimension, Dimension)), result.ScoresAt(q)[0]);
        }
    }

    private static (float[] Queries, float[] Items) Vectors(int queries, int items, int seed = 7) =>
        ClusteredEmbeddings.Generate(queries, items, new ClusteredEmbeddingsOptions { Dimension = Dimension, Clusters = 24, Seed = seed });
}

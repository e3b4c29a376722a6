using MovieRec.Analysis;
using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Retrieval;

namespace MovieRec.Tests.Analysis;

[Collection(TorchCollection.Name)]
public class RetrievalTimingTests
{
    [Fact]
    public void ExactRetrievalIsTimedAndReturnsTheExactLists()
    {
        // Two users, three items in 2-D; user 0 = (1, 0) prefers item 0, then 2; user 1 = (0, 1) prefers item 1, but it is excluded.
        float[] users = [1, 0, 0, 1];
        float[] items = [3, 0, 0, 3, 2, 1];
        var excluded = new ExcludedItems([0, 0, 1], [1]);

        var (timing, lists) = RetrievalTiming.Exact(users, items, dimension: 2, k: 2, excluded, repeats: 2);

        Assert.Equal([0, 2], lists.ItemsAt(0).ToArray());
        Assert.Equal([2, 0], lists.ItemsAt(1).ToArray());
        Assert.Equal(2, timing.Queries);
        Assert.Equal(3, timing.Items);
        Assert.Equal(2, timing.Repeats);
        Assert.True(timing.BestSeconds > 0 && timing.BestSeconds <= timing.MeanSeconds, $"{timing.BestSeconds} vs {timing.MeanSeconds}");
        Assert.Equal(timing.BestSeconds * 1000 / 2, timing.MillisecondsPerQuery, 12);
    }

    [Fact]
    public void ApproximateRetrievalIsTimedAndOnATinyIndexFindsTheExactLists()
    {
        // The same users and items as above: on three items the HNSW graph is complete, so the lists are exact.
        float[] users = [1, 0, 0, 1];
        float[] items = [3, 0, 0, 3, 2, 1];
        var excluded = new ExcludedItems([0, 0, 1], [1]);
        using var index = ApproximateIndex.Build(items, dimension: 2);

        var (timing, lists) = RetrievalTiming.Approximate(index, users, k: 2, excluded, repeats: 2);

        Assert.Equal([0, 2], lists.ItemsAt(0).ToArray());
        Assert.Equal([2, 0], lists.ItemsAt(1).ToArray());
        Assert.Equal(2, timing.Queries);
        Assert.Equal(3, timing.Items);
        Assert.StartsWith("ApproximateIndex (USearch HNSW", timing.Method);
        Assert.Throws<ArgumentException>("k", () => RetrievalTiming.Approximate(index, users, k: 0, excluded));
    }

    [Fact]
    public void OverlapIsTheSharedShareOfEachReferenceRow()
    {
        float[] users = [1, 0, 0, 1];
        float[] items = [3, 0, 0, 3, 2, 1];
        var (_, exact) = RetrievalTiming.Exact(users, items, 2, 2, excluded: null, repeats: 1); // rows: {0, 2} and {1, 2}
        var vocabulary = IdVocabulary.FromIds([100, 200, 300]); // item index i is movie 100·(i + 1)

        var same = Recommendations.FromRows([7, 8], [[300, 100], [200, 300]]);
        var half = Recommendations.FromRows([7, 8], [[100, 200], [100]]);

        Assert.Equal(1.0, RetrievalTiming.Overlap(exact, same, vocabulary));
        Assert.Equal(0.25, RetrievalTiming.Overlap(exact, half, vocabulary)); // (1/2 + 0/2) / 2
        Assert.Throws<ArgumentException>("candidate", () => RetrievalTiming.Overlap(exact, Recommendations.FromRows([7], [[100]]), vocabulary));
    }

    [Fact]
    public void RecommendIsTimedThroughTheModel()
    {
        var model = new FixedRecommender(new Dictionary<int, int[]> { [1] = [10, 20, 30] }, new Dictionary<int, int[]>());

        var (timing, lists) = RetrievalTiming.Recommend(model, [1, 2], itemCount: 3, k: 2, repeats: 1);

        Assert.Equal([10, 20], lists.MovieIdsAt(0).ToArray());
        Assert.Equal(0, lists.RowLength(1));
        Assert.Equal("Fixed.Recommend", timing.Method);
        Assert.Equal(2, timing.Queries);
        Assert.Throws<ArgumentException>("repeats", () => RetrievalTiming.Recommend(model, [1], 3, 2, repeats: 0));
    }
}

using MovieRec.Models;

namespace MovieRec.Tests.Models;

public sealed class TopKTests
{
    private static (int[] Indices, float[] Values) Select(float[] scores, int k, int[]? excluded = null)
    {
        var indices = new int[Math.Min(k, scores.Length)];
        var values = new float[indices.Length];
        var count = TopK.Select(scores, k, excluded ?? [], indices, values);
        return (indices[..count], values[..count]);
    }

    [Fact]
    public void SelectsHighestScoresBestFirst()
    {
        var (indices, values) = Select([0.1f, 0.9f, 0.5f, 0.7f, 0.3f], k: 3);

        Assert.Equal([1, 3, 2], indices);
        Assert.Equal([0.9f, 0.7f, 0.5f], values);
    }

    [Fact]
    public void TiesGoToTheLowerIndex()
    {
        var (indices, _) = Select([1f, 2f, 2f, 1f, 2f], k: 3);

        Assert.Equal([1, 2, 4], indices);
        Assert.Equal([1, 2], Select([1f, 2f, 2f, 1f, 2f], k: 2).Indices);
    }

    [Fact]
    public void ExcludedIndicesAndNaNAreSkipped()
    {
        var (indices, _) = Select([5f, 4f, float.NaN, 3f, 2f, 1f], k: 3, excluded: [0, 0, 3, 99]);

        Assert.Equal([1, 4, 5], indices);
    }

    [Fact]
    public void KLargerThanRowReturnsEveryCandidate()
    {
        var (indices, _) = Select([1f, 3f, 2f], k: 10, excluded: [1]);

        Assert.Equal([2, 0], indices);
    }

    [Fact]
    public void MatchesAFullSortOnRandomRows()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = random.Next(1, 300);
            var scores = Enumerable.Range(0, n).Select(_ => (float)random.Next(0, 20)).ToArray();
            var excluded = Enumerable.Range(0, n).Where(_ => random.NextDouble() < 0.2).ToArray();
            var k = random.Next(1, 40);

            var expected = Enumerable.Range(0, n).Except(excluded)
                .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();

            Assert.Equal(expected, Select(scores, k, excluded).Indices);
        }
    }

    [Fact]
    public void ShortOutputSpanIsAnError()
    {
        Assert.Throws<ArgumentException>(() => TopK.Select([1f, 2f, 3f], 3, [], new int[2], new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopK.Select([1f], 0, [], new int[1], new float[1]));
    }
}

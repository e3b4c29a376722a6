using System.Numerics.Tensors;
using MovieRec.Retrieval;

namespace MovieRec.Tests.Retrieval;

[Collection(TorchCollection.Name)]
public sealed class ExactTopKTests
{
    [Fact]
    public void MatchesBruteForceOnRandomDataWithExclusions()
    {
        const int users = 37, items = 53, dimension = 8, k = 5;
        var random = new Random(11);
        var u = RandomMatrix(random, users, dimension);
        var v = RandomMatrix(random, items, dimension);
        var excluded = RandomExclusions(random, users, items, maximumPerUser: 20);

        var result = ExactTopK.Search(u, v, dimension, k, excluded);

        Assert.Equal(users, result.RowCount);
        Assert.Equal(k, result.K);
        for (var q = 0; q < users; q++)
        {
            var (expectedItems, expectedScores) = BruteForce(u, v, dimension, k, q, excluded.RowAt(q).ToArray());
            Assert.Equal(expectedItems, result.ItemsAt(q).ToArray());
            Assert.Equal(expectedScores, result.ScoresAt(q).ToArray());
            foreach (var item in result.ItemsAt(q))
            {
                Assert.DoesNotContain(item, excluded.RowAt(q).ToArray());
            }
        }
    }

    [Fact]
    public void SmallBatchesGiveTheSameResultAsOneBatch()
    {
        var random = new Random(5);
        var u = RandomMatrix(random, 20, 4);
        var v = RandomMatrix(random, 30, 4);
        var excluded = RandomExclusions(random, 20, 30, maximumPerUser: 10);

        var whole = ExactTopK.Search(u, v, 4, 7, excluded);
        var oneRowAtATime = ExactTopK.Search(u, v, 4, 7, excluded, new ExactTopKOptions { MaximumBatchBytes = 1 });

        Assert.Equal(whole.Lengths, oneRowAtATime.Lengths);
        Assert.Equal(whole.ItemIndices, oneRowAtATime.ItemIndices);
        Assert.Equal(whole.Scores, oneRowAtATime.Scores);
    }

    [Fact]
    public void TiesAreBrokenByTheLowerIndexInsideAndAtTheBoundary()
    {
        // Items 0..5 all score 1 for the query, item 6 scores 2: the best is 6, then 0, 1 (of six tied items).
        float[] query = [1, 0];
        float[] items = [1, 5, 1, -3, 1, 0, 1, 2, 1, 9, 1, 1, 2, 0];

        var result = ExactTopK.Search(query, items, 2, 3);

        Assert.Equal([6, 0, 1], result.ItemsAt(0).ToArray());
        Assert.Equal([2f, 1f, 1f], result.ScoresAt(0).ToArray());
    }

    [Fact]
    public void TiesSkipExcludedItems()
    {
        float[] queries = [1, 0, 1, 0];
        float[] items = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0];
        var excluded = new ExcludedItems([0, 2, 2], [1, 0]);

        var result = ExactTopK.Search(queries, items, 2, 3, excluded);

        Assert.Equal([2, 3, 4], result.ItemsAt(0).ToArray());
        Assert.Equal([0, 1, 2], result.ItemsAt(1).ToArray());
    }

    [Fact]
    public void AllScoresEqualGiveTheFirstKItems()
    {
        var result = ExactTopK.Search(new float[3 * 4], new float[50 * 4], 4, 5);

        for (var q = 0; q < 3; q++)
        {
            Assert.Equal([0, 1, 2, 3, 4], result.ItemsAt(q).ToArray());
        }
    }

    [Fact]
    public void RowsAreShorterWhenFewItemsRemain()
    {
        float[] query = [1];
        float[] items = [4, 3, 2, 1];
        var excluded = new ExcludedItems([0, 3], [0, 2, 3]);

        var result = ExactTopK.Search(query, items, 1, 10, excluded);

        Assert.Equal(4, result.K);
        Assert.Equal([1], result.ItemsAt(0).ToArray());
        Assert.Equal([3f], result.ScoresAt(0).ToArray());
    }

    [Fact]
    public void EveryItemExcludedGivesAnEmptyRow()
    {
        var result = ExactTopK.Search([1f, 2f], [1f, 1f, 2f, 2f], 2, 2, new ExcludedItems([0, 2], [1, 0]));

        Assert.Equal(0, result.Lengths[0]);
    }

    [Fact]
    public void InvalidInputsAreArgumentErrorsNamingTheParameter()
    {
        float[] two = [1, 2];
        Assert.Equal("queryEmbeddings", Assert.Throws<ArgumentException>(() => ExactTopK.Search([1, 2, 3], two, 2, 1)).ParamName);
        Assert.Equal("itemEmbeddings", Assert.Throws<ArgumentException>(() => ExactTopK.Search(two, [1, float.NaN], 2, 1)).ParamName);
        Assert.Equal("excluded", Assert.Throws<ArgumentException>(() => ExactTopK.Search(two, two, 2, 1, new ExcludedItems([0, 1], [1]))).ParamName);
        Assert.Equal("excluded", Assert.Throws<ArgumentException>(() => ExactTopK.Search(two, two, 2, 1, new ExcludedItems([0, 0, 0], []))).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactTopK.Search(two, two, 2, 0));
        Assert.Throws<ArgumentException>(() => new ExcludedItems([0, 2], [1]));
    }

    private static float[] RandomMatrix(Random random, int rows, int columns)
    {
        var values = new float[rows * columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextSingle() * 2) - 1;
        }

        return values;
    }

    private static ExcludedItems RandomExclusions(Random random, int users, int items, int maximumPerUser)
    {
        var offsets = new int[users + 1];
        var list = new List<int>();
        for (var q = 0; q < users; q++)
        {
            // Unsorted, with duplicates: the API promises both are fine.
            var count = random.Next(0, maximumPerUser + 1);
            for (var i = 0; i < count; i++)
            {
                list.Add(random.Next(items));
            }

            offsets[q + 1] = list.Count;
        }

        return new ExcludedItems(offsets, list.ToArray());
    }

    /// <summary>Scores every item with the managed dot product, sorts by score descending then index ascending.</summary>
    private static (int[] Items, float[] Scores) BruteForce(float[] u, float[] v, int dimension, int k, int query, int[] excluded)
    {
        var queryRow = u[(query * dimension)..((query + 1) * dimension)];
        var ranked = Enumerable.Range(0, v.Length / dimension)
            .Where(i => !excluded.Contains(i))
            .Select(i => (Item: i, Score: TensorPrimitives.Dot(queryRow, v.AsSpan(i * dimension, dimension))))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Item)
            .Take(k)
            .ToArray();
        return (ranked.Select(x => x.Item).ToArray(), ranked.Select(x => x.Score).ToArray());
    }
}

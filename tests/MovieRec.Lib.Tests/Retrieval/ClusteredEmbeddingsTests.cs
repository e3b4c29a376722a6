using System.Numerics.Tensors;
using MovieRec.Retrieval;

namespace MovieRec.Tests.Retrieval;

public sealed class ClusteredEmbeddingsTests
{
    [Fact]
    public void SameSeedSameVectorsAndRowsAreUnitLength()
    {
        var options = new ClusteredEmbeddingsOptions { Dimension = 8, Clusters = 4, Seed = 1 };
        var (users, items) = ClusteredEmbeddings.Generate(10, 20, options);
        var (usersAgain, itemsAgain) = ClusteredEmbeddings.Generate(10, 20, options);
        var (_, otherItems) = ClusteredEmbeddings.Generate(10, 20, options with { Seed = 2 });

        Assert.Equal(80, users.Length);
        Assert.Equal(160, items.Length);
        Assert.Equal(users, usersAgain);
        Assert.Equal(items, itemsAgain);
        Assert.NotEqual(items, otherItems);
        for (var r = 0; r < 20; r++)
        {
            Assert.Equal(1f, TensorPrimitives.Norm(items.AsSpan(r * 8, 8)), 5);
        }
    }

    [Fact]
    public void ItemsClusterWhenNoiseIsLow()
    {
        // With one cluster and little noise every pair of items is nearly parallel; with no structure they would not be.
        var (_, items) = ClusteredEmbeddings.Generate(0, 50, new ClusteredEmbeddingsOptions { Dimension = 16, Clusters = 1, ItemNoise = 0.1 });
        for (var i = 1; i < 50; i++)
        {
            Assert.True(TensorPrimitives.Dot(items.AsSpan(0, 16), items.AsSpan(i * 16, 16)) > 0.9f);
        }
    }

    [Fact]
    public void LatentDimensionConfinesRowsToASubspaceOfThatSize()
    {
        // Without ambient noise or normalisation every row is a combination of the same 3 basis vectors: Gram–Schmidt
        // over 20 item rows leaves exactly 3 independent directions.
        var options = new ClusteredEmbeddingsOptions { Dimension = 12, LatentDimension = 3, Clusters = 5, Normalize = false, Seed = 2 };
        var (users, items) = ClusteredEmbeddings.Generate(4, 20, options);

        Assert.Equal(4 * 12, users.Length);
        Assert.Equal(3, IndependentRows(items, 12));
        Assert.Equal(12, IndependentRows(ClusteredEmbeddings.Generate(4, 20, options with { AmbientNoise = 0.1 }).Items, 12));
        Assert.Equal(items, ClusteredEmbeddings.Generate(4, 20, options).Items);
        Assert.Equal("options", Assert.Throws<ArgumentException>(
            () => ClusteredEmbeddings.Generate(1, 1, options with { LatentDimension = 13 })).ParamName);
    }

    private static int IndependentRows(float[] rows, int d)
    {
        var basis = new List<double[]>();
        for (var r = 0; r < rows.Length / d; r++)
        {
            var v = rows.Skip(r * d).Take(d).Select(x => (double)x).ToArray();
            foreach (var b in basis)
            {
                var dot = v.Zip(b, (x, y) => x * y).Sum();
                for (var j = 0; j < d; j++)
                {
                    v[j] -= dot * b[j];
                }
            }

            var norm = Math.Sqrt(v.Sum(x => x * x));
            if (norm > 1e-3)
            {
                basis.Add([.. v.Select(x => x / norm)]);
            }
        }

        return basis.Count;
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Equal("options", Assert.Throws<ArgumentException>(
            () => ClusteredEmbeddings.Generate(1, 1, new ClusteredEmbeddingsOptions { Clusters = 0 })).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusteredEmbeddings.Generate(-1, 1));
    }
}

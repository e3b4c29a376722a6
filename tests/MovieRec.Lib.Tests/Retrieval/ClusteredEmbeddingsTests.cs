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
    public void InvalidOptionsAreRejected()
    {
        Assert.Equal("options", Assert.Throws<ArgumentException>(
            () => ClusteredEmbeddings.Generate(1, 1, new ClusteredEmbeddingsOptions { Clusters = 0 })).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusteredEmbeddings.Generate(-1, 1));
    }
}

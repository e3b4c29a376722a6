using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Models.Baselines;

[Collection(TorchCollection.Name)]
public sealed class ItemKnnConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new ItemKnn();
}

[Collection(TorchCollection.Name)]
public sealed class ItemKnnSmallNeighbourhoodConformanceTests : RecommenderConformanceTests
{
    // k = 2 with ratings: neighbour lists are cut, which exercises the sparse paths on the checkerboard.
    protected override IRecommender CreateModel() => new ItemKnn(new ItemKnnOptions { NeighbourhoodSize = 2, Shrinkage = 0, UseRatings = true });
}

[Collection(TorchCollection.Name)]
public sealed class ItemKnnTests
{
    // Users × movies (binary): A = 10 rated by users 1, 2, 3; B = 20 by 1, 2; C = 30 by 2, 3, 4.
    // A·B = 2, A·C = 2, B·C = 1; ‖A‖ = ‖C‖ = √3, ‖B‖ = √2.
    private static readonly (int, int[])[] Tiny = [(1, [10, 20]), (2, [10, 20, 30]), (3, [10, 30]), (4, [30])];

    private static readonly float CosineAB = 2 / MathF.Sqrt(6);
    private static readonly float CosineAC = 2f / 3;
    private static readonly float CosineBC = 1 / MathF.Sqrt(6);

    [Fact]
    public void SimilarityIsTheCosineOfTheColumns()
    {
        var model = new ItemKnn(new ItemKnnOptions { NeighbourhoodSize = 2, Shrinkage = 0, UseRatings = false });

        model.Fit(BaselineTestData.Binary(Tiny));

        Assert.Equal(CosineAB, model.Similarity(0, 1), 5);
        Assert.Equal(CosineAB, model.Similarity(1, 0), 5);
        Assert.Equal(CosineAC, model.Similarity(2, 0), 5);
        Assert.Equal(CosineBC, model.Similarity(1, 2), 5);
        Assert.Equal(0f, model.Similarity(0, 0));
    }

    [Fact]
    public void ShrinkageIsAddedToTheNormProduct()
    {
        var model = new ItemKnn(new ItemKnnOptions { NeighbourhoodSize = 2, Shrinkage = 10, UseRatings = false });

        model.Fit(BaselineTestData.Binary(Tiny));

        Assert.Equal(2 / (MathF.Sqrt(6) + 10), model.Similarity(0, 1), 5);
        Assert.Equal(2f / 13, model.Similarity(0, 2), 5);
    }

    [Fact]
    public void OnlyEachMoviesTopNeighboursContribute()
    {
        var model = new ItemKnn(new ItemKnnOptions { NeighbourhoodSize = 1, Shrinkage = 0, UseRatings = false });

        model.Fit(BaselineTestData.Binary(Tiny));

        // k = 1: N(A) = {B}, N(B) = {A}, N(C) = {A}. User 4 rated only C, which is nobody's neighbour.
        Assert.Equal(0f, model.Similarity(2, 0));
        Assert.Equal(CosineAC, model.Similarity(0, 2), 5);
        Assert.Equal([0f, 0f], model.Score([4, 4], [10, 20]));
        // User 1 rated A and B; C's only neighbour is A.
        Assert.Equal(CosineAC, model.Score([1], [30])[0], 5);
    }

    [Fact]
    public void ScoreSumsSimilaritiesOfTheUsersMovies()
    {
        var model = new ItemKnn(new ItemKnnOptions { NeighbourhoodSize = 2, Shrinkage = 0, UseRatings = false });

        model.Fit(BaselineTestData.Binary(Tiny));

        var (movies, scores) = model.RecommendOne(4, k: 5);
        Assert.Equal([10, 20], movies);
        Assert.Equal(CosineAC, scores[0], 5);
        Assert.Equal(CosineBC, scores[1], 5);
        Assert.Equal(CosineAC + CosineBC, model.Score([1], [30])[0], 5);
    }

    [Fact]
    public void RatingSimilaritiesUseTheStars()
    {
        // Movie 10: (5, 1), movie 20: (1, 5), movie 30: (5, 1) by users 1 and 2.
        var data = BaselineTestData.Train((1, 10, 5f), (2, 10, 1f), (1, 20, 1f), (2, 20, 5f), (1, 30, 5f), (2, 30, 1f));
        var model = new ItemKnn(new ItemKnnOptions { Shrinkage = 0, UseRatings = true });

        model.Fit(data);

        Assert.Equal(10f / 26, model.Similarity(0, 1), 5);
        Assert.Equal(1f, model.Similarity(0, 2), 5);
    }

    [Fact]
    public void InvalidOptionsNameTheSetting()
    {
        Assert.Equal("NeighbourhoodSize", Assert.Throws<ArgumentException>(() => new ItemKnn(new ItemKnnOptions { NeighbourhoodSize = 0 })).ParamName);
        Assert.Equal("Shrinkage", Assert.Throws<ArgumentException>(() => new ItemKnn(new ItemKnnOptions { Shrinkage = -1 })).ParamName);
    }
}

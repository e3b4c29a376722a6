using MovieRec.Data;
using MovieRec.Features;

namespace MovieRec.Tests.Features;

public sealed class ItemFeatureTableTests
{
    [Fact]
    public void GenresAndYearBucketsFollowTheCatalogueOrder()
    {
        var items = IdVocabulary.FromIds([30, 10, 20, 40]);
        var movies = new[]
        {
            new Movie(10, "A (1994)", 1994, ["Drama", "Comedy"]),
            new Movie(20, "B (2001)", 2001, []),
            new Movie(30, "C", null, ["Comedy"]),
            new Movie(99, "Not in catalogue (1950)", 1950, ["Western"]),
        };

        var table = ItemFeatureTable.Build(items, movies, yearBucketWidth: 5);

        Assert.Equal([ItemFeatureTable.NoGenre, "Comedy", "Drama"], table.Genres);
        Assert.Equal(1990, table.FirstYear);
        Assert.Equal([1, 3, 0, 0], table.YearBuckets); // 1994 → 1, 2001 → 3, unknown year, unknown movie
        Assert.Equal(4, table.YearBucketCount);
        Assert.Equal(
            new float[] { 0, 1, 1, /* 20: none */ 1, 0, 0, /* 30 */ 0, 1, 0, /* 40: no metadata */ 1, 0, 0 },
            table.GenreMultiHot());
        table.Check("test");
    }

    [Fact]
    public void WithoutMetadataEveryItemHasTheNoGenreColumnAndUnknownYear()
    {
        var table = ItemFeatureTable.Build(IdVocabulary.FromIds([1, 2]), movies: null);

        Assert.Equal([ItemFeatureTable.NoGenre], table.Genres);
        Assert.Equal([0, 0], table.YearBuckets);
        Assert.Equal(1, table.YearBucketCount);
        Assert.Equal(new float[] { 1, 1 }, table.GenreMultiHot());
    }
}

using MovieRec.Analysis;
using MovieRec.Data;
using MovieRec.Models.TwoTower;
using MovieRec.Tests.Conformance;
using MovieRec.Tests.Models.TwoTower;

namespace MovieRec.Tests.Analysis;

[Collection(TorchCollection.Name)]
public sealed class ColdStartShowcaseTests
{
    [Fact]
    public void RatedTitlesAreParsedWithTheRatingAfterTheLastEqualsSign()
    {
        var pairs = ColdStartShowcase.ParseRatedTitles(" Toy Story (1995)=5; Matrix, The (1999) = 4.5 ;x=y (2000)=1;");

        Assert.Equal([("Toy Story (1995)", 5f), ("Matrix, The (1999)", 4.5f), ("x=y (2000)", 1f)], pairs);
        Assert.Empty(ColdStartShowcase.ParseRatedTitles(" ; "));
    }

    [Theory]
    [InlineData("Toy Story (1995)", "has no rating")]
    [InlineData("=4", "has no rating")]
    [InlineData("Toy Story (1995)=five", "is not a number from 0.5 to 5")]
    [InlineData("Toy Story (1995)=6", "is not a number from 0.5 to 5")]
    [InlineData("Toy Story (1995)=NaN", "is not a number from 0.5 to 5")]
    public void BadEntriesAreNamed(string text, string problem)
    {
        var error = Assert.Throws<ArgumentException>("ratedTitles", () => ColdStartShowcase.ParseRatedTitles(text));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewUserWhoRatedBlockAMoviesGetsTheOtherBlockAMoviesWithTitles()
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
        var model = new TwoTowerRecommender(TwoTowerConformanceTests.SmallOptions);
        model.Fit(fixture.Train);
        var movies = fixture.MovieIds.Select(id => new Movie(id, $"Movie {id} (2000)", 2000, [fixture.BlockOfMovie[id] == 'A' ? "Comedy" : "Horror"])).ToList();
        var blockA = fixture.MovieIds.Where(id => fixture.BlockOfMovie[id] == 'A').ToArray();
        var rated = string.Join("; ", blockA.Take(4).Select(id => $"Movie {id} (2000)=5"));

        var rows = ColdStartShowcase.ForRatedTitles(model, movies, rated, k: 3);

        Assert.Equal([1, 2, 3], rows.Select(r => r.Rank));
        Assert.All(rows, r => Assert.Equal("Comedy", r.Genres));                         // the rest of block A
        Assert.DoesNotContain(rows, r => blockA.Take(4).Any(id => r.Title == $"Movie {id} (2000)")); // rated movies excluded
        Assert.True(rows[0].Score >= rows[1].Score && rows[1].Score >= rows[2].Score);
        var unknown = Assert.Throws<ArgumentException>("ratedTitles", () => ColdStartShowcase.ForRatedTitles(model, movies, "Movie (1999)=4"));
        Assert.Contains("did you mean", unknown.Message, StringComparison.Ordinal);
    }
}

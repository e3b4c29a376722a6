using MovieRec.Analysis;
using MovieRec.Data;

namespace MovieRec.Tests.Analysis;

public class SimilarMoviesTests
{
    private static readonly Movie[] Movies =
    [
        new(1, "Toy Story (1995)", 1995, ["Animation", "Children"]),
        new(2, "Matrix, The (1999)", 1999, ["Action", "Sci-Fi"]),
        new(3, "Toy Story 2 (1999)", 1999, ["Animation", "Children"]),
        new(4, "Never Rated (2000)", 2000, ["Drama"]),
    ];

    private static readonly FixedRecommender Model = new(
        new Dictionary<int, int[]>(),
        new Dictionary<int, int[]> { [1] = [3, 2], [2] = [1, 3] }); // movie 4 is unknown to the model

    [Fact]
    public void NeighboursComeWithTitlesGenresAndRanks()
    {
        var rows = SimilarMovies.ForTitles(Model, Movies, ["Toy Story (1995)", "Matrix, The (1999)"], k: 2);

        Assert.Equal(4, rows.Count);
        Assert.Equal(new SimilarMovieRow("Toy Story (1995)", 1, "Toy Story 2 (1999)", "Animation|Children", 10), rows[0]);
        Assert.Equal(new SimilarMovieRow("Toy Story (1995)", 2, "Matrix, The (1999)", "Action|Sci-Fi", 9), rows[1]);
        Assert.Equal("Matrix, The (1999)", rows[2].Query);
        Assert.Equal("Toy Story (1995)", rows[2].Similar);
    }

    [Fact]
    public void AMovieTheModelDoesNotKnowGetsOneRowSayingSo()
    {
        var row = Assert.Single(SimilarMovies.ForTitles(Model, Movies, ["Never Rated (2000)"], k: 3));

        Assert.Equal(0, row.Rank);
        Assert.Equal(SimilarMovies.NotInCatalogue, row.Similar);
    }

    [Fact]
    public void AnUnknownTitleIsAnErrorThatSuggestsCloseTitles()
    {
        var error = Assert.Throws<ArgumentException>("titles", () => SimilarMovies.ForTitles(Model, Movies, ["Toy Story"], k: 1));

        Assert.Contains("Toy Story (1995)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Toy Story 2 (1999)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TitlesAreSplitAtSemicolonsNotCommas()
    {
        Assert.Equal(["Toy Story (1995)", "Matrix, The (1999)"], SimilarMovies.ParseTitles(" Toy Story (1995); Matrix, The (1999) ;"));
    }
}

using MovieRec.Data;

namespace MovieRec.Tests.Data;

/// <summary>Non-fatal findings: counted, shown by example, never dropped; fatal under TreatWarningsAsErrors.</summary>
public class DataQualityTests
{
    private static TempDirectory DataSet(string ratings, string? tags = null)
    {
        var dir = new TempDirectory();
        dir.Write("ratings.csv", "userId,movieId,rating,timestamp\n" + ratings);
        dir.Write("movies.csv", "movieId,title,genres\n1,Toy Story (1995),Animation\n2,Jumanji (1995),Adventure\n3,Heat (1995),Action\n");
        if (tags is not null)
        {
            dir.Write("tags.csv", "userId,movieId,tag,timestamp\n" + tags);
        }

        return dir;
    }

    [Fact]
    public void CleanDataGivesACleanReport()
    {
        using var dir = DataSet("1,1,4.0,964982703\n1,2,4.0,964982703\n2,1,3.0,964982703\n", "1,3,good,964982703\n");
        var quality = MovieLensLoader.Load(dir.Path).Quality;
        Assert.True(quality.IsClean);
        Assert.Empty(quality.Examples);
    }

    [Fact]
    public void CountsDuplicatePairsAndKeepsTheRows()
    {
        // user 1 rates movie 2 three times (two repeats), user 2 rates movie 1 twice; rows unsorted within a user.
        using var dir = DataSet("1,2,4.0,964982703\n1,1,4.0,964982703\n1,2,3.0,964982704\n1,2,5.0,964982705\n2,1,3.0,964982703\n2,1,3.5,964982706\n");
        var data = MovieLensLoader.Load(dir.Path);
        Assert.Equal(6, data.Ratings.Count);
        Assert.Equal(3, data.Quality.DuplicateUserMoviePairs);
        Assert.Equal(0, data.Quality.RatingsForUnknownMovies);
        Assert.Contains("ratings.csv line 4: user 1 rated movie 2 again (first rating on line 2)", data.Quality.Examples);
        Assert.Contains("ratings.csv line 7: user 2 rated movie 1 again (first rating on line 6)", data.Quality.Examples);
    }

    [Fact]
    public void CountsDuplicatesWhenRowsAreNotGroupedByUser()
    {
        using var dir = DataSet("2,1,4.0,964982703\n1,3,4.0,964982703\n2,1,3.0,964982704\n1,3,5.0,964982705\n");
        var quality = MovieLensLoader.Load(dir.Path).Quality;
        Assert.Equal(2, quality.DuplicateUserMoviePairs);
        Assert.Contains("ratings.csv line 4: user 2 rated movie 1 again (first rating on line 2)", quality.Examples);
    }

    [Fact]
    public void CountsRatingsAndTagsOfUnknownMovies()
    {
        using var dir = DataSet("1,1,4.0,964982703\n1,99,4.0,964982703\n2,98,4.0,964982703\n", "1,3,good,964982703\n1,77,odd,964982703\n");
        var data = MovieLensLoader.Load(dir.Path);
        Assert.Equal(2, data.Quality.RatingsForUnknownMovies);
        Assert.Equal(1, data.Quality.TagsForUnknownMovies);
        Assert.Equal(3, data.Ratings.Count);
        Assert.Equal(2, data.Tags.Count);
        Assert.Contains("ratings.csv line 3: movie 99 is not in movies.csv", data.Quality.Examples);
        Assert.Contains("tags.csv line 3: tagged movie 77 is not in movies.csv", data.Quality.Examples);
        Assert.False(data.Quality.IsClean);
    }

    [Fact]
    public void ExamplesAreCappedPerKind()
    {
        var rows = string.Concat(Enumerable.Range(100, 20).Select(m => $"1,{m},4.0,964982703\n"));
        using var dir = DataSet(rows);
        var quality = MovieLensLoader.Load(dir.Path).Quality;
        Assert.Equal(20, quality.RatingsForUnknownMovies);
        Assert.Equal(5, quality.Examples.Count);
    }

    [Fact]
    public void TreatWarningsAsErrorsThrowsOnDuplicate()
    {
        using var dir = DataSet("1,1,4.0,964982703\n1,1,3.0,964982703\n");
        var error = Assert.Throws<MovieLensFormatException>(
            () => MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { TreatWarningsAsErrors = true }));
        Assert.EndsWith("ratings.csv", error.FilePath);
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("again", error.Problem);
    }

    [Fact]
    public void TreatWarningsAsErrorsThrowsOnUnknownMovie()
    {
        using var dir = DataSet("1,1,4.0,964982703\n1,42,3.0,964982703\n");
        var error = Assert.Throws<MovieLensFormatException>(
            () => MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { TreatWarningsAsErrors = true }));
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("movieId", error.Field);
    }

    [Fact]
    public void TreatWarningsAsErrorsThrowsOnTagOfUnknownMovie()
    {
        using var dir = DataSet("1,1,4.0,964982703\n", "1,1,ok,964982703\n1,55,odd,964982703\n");
        var error = Assert.Throws<MovieLensFormatException>(
            () => MovieLensLoader.Load(dir.Path, new MovieLensLoadOptions { TreatWarningsAsErrors = true }));
        Assert.EndsWith("tags.csv", error.FilePath);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("movieId", error.Field);
    }
}

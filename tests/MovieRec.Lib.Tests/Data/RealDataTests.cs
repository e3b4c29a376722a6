using MovieRec.Data;

namespace MovieRec.Tests.Data;

/// <summary>The real ml-latest-small beside the repository (SharedData), when present.</summary>
public class RealDataTests
{
    [Fact]
    public void MlLatestSmallLoadsWithTheKnownCounts()
    {
        if (SharedData.MlLatestSmall is not { } path)
        {
            Assert.Null(SharedData.MlLatestSmall); // no copy here: nothing else to check
            return;
        }

        var data = MovieLensLoader.Load(path);

        Assert.Equal("ml-latest-small", data.Name);
        Assert.Equal(MovieLensFormat.Csv, data.Format);
        Assert.Equal(100_836, data.Ratings.Count);
        Assert.Equal(610, data.Ratings.DistinctUserIds().Length);
        Assert.Equal(9_742, data.Movies.Count);
        Assert.Equal(3_683, data.Tags.Count);
        Assert.Equal(9_742, data.Links.Count);
        var toyStory = data.MoviesById[1];
        Assert.Equal("Toy Story (1995)", toyStory.Title);
        Assert.Equal(1995, toyStory.Year);
        Assert.Equal(5, toyStory.Genres.Count);
        Assert.Equal(new Link(1, "0114709", 862), data.Links[0]);
        Assert.Equal(1, data.Ratings.UserIds[0]);
        Assert.Equal(4f, data.Ratings.Ratings[0]);
        Assert.Equal(964_982_703L, data.Ratings.Timestamps[0]);
        Assert.True(data.Quality.IsClean, data.Quality.ToString());
    }

    [Fact]
    public void MlLatestSmallFastPathMatchesFullLoad()
    {
        if (SharedData.MlLatestSmall is not { } path)
        {
            Assert.Null(SharedData.MlLatestSmall);
            return;
        }

        var fast = MovieLensLoader.LoadRatings(Path.Combine(path, "ratings.csv"));
        var single = RatingsFileReader.Read(Path.Combine(path, "ratings.csv"), RatingsFileLayout.Csv, new MovieLensLoadOptions(),
            new RatingsReaderSettings { RangeCount = 1 });
        Assert.Equal(100_836, fast.Count);
        Assert.Equal(single.MovieIds, fast.MovieIds);
        Assert.Equal(single.Ratings, fast.Ratings);
        Assert.Equal(single.Timestamps, fast.Timestamps);
        Assert.Equal(3.5016, fast.Ratings.Average(), 4);
    }
}

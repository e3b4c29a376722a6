using Microsoft.Data.Analysis;

namespace MovieRec.Data;

/// <summary>
/// Conversions of the loaded tables to Microsoft.Data.Analysis DataFrames for notebooks and exploration.
/// The library itself works on the typed arrays; these copies are for display, grouping and charts.
/// </summary>
public static class DataFrames
{
    /// <summary>
    /// Ratings as columns userId (Int32), movieId (Int32), rating (Single), timestamp (Int64) and
    /// time (DateTime, UTC, from the timestamp).
    /// </summary>
    public static DataFrame ToDataFrame(this RatingsTable ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var times = new DateTime[ratings.Count];
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = DateTime.UnixEpoch.AddSeconds(ratings.Timestamps[i]);
        }

        return new DataFrame(
            new Int32DataFrameColumn("userId", ratings.UserIds),
            new Int32DataFrameColumn("movieId", ratings.MovieIds),
            new SingleDataFrameColumn("rating", ratings.Ratings),
            new Int64DataFrameColumn("timestamp", ratings.Timestamps),
            new DateTimeDataFrameColumn("time", times));
    }

    /// <summary>
    /// Movies as columns movieId (Int32), title (String), year (Int32, null when the title has no
    /// year) and genres (String, "|"-joined, empty for none).
    /// </summary>
    public static DataFrame ToDataFrame(this IReadOnlyList<Movie> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        return new DataFrame(
            new Int32DataFrameColumn("movieId", movies.Select(m => m.MovieId)),
            new StringDataFrameColumn("title", movies.Select(m => m.Title)),
            new PrimitiveDataFrameColumn<int>("year", movies.Select(m => m.Year)),
            new StringDataFrameColumn("genres", movies.Select(m => string.Join('|', m.Genres))));
    }

    /// <summary>Tags as columns userId (Int32), movieId (Int32), tag (String), timestamp (Int64), time (DateTime, UTC).</summary>
    public static DataFrame ToDataFrame(this IReadOnlyList<Tag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return new DataFrame(
            new Int32DataFrameColumn("userId", tags.Select(t => t.UserId)),
            new Int32DataFrameColumn("movieId", tags.Select(t => t.MovieId)),
            new StringDataFrameColumn("tag", tags.Select(t => t.Text)),
            new Int64DataFrameColumn("timestamp", tags.Select(t => t.Timestamp)),
            new DateTimeDataFrameColumn("time", tags.Select(t => DateTime.UnixEpoch.AddSeconds(t.Timestamp))));
    }

    /// <summary>Links as columns movieId (Int32), imdbId (String, null when missing), tmdbId (Int32, null when missing).</summary>
    public static DataFrame ToDataFrame(this IReadOnlyList<Link> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        return new DataFrame(
            new Int32DataFrameColumn("movieId", links.Select(l => l.MovieId)),
            new StringDataFrameColumn("imdbId", links.Select(l => l.ImdbId)),
            new PrimitiveDataFrameColumn<int>("tmdbId", links.Select(l => l.TmdbId)));
    }
}

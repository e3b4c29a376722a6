using MovieRec.Data;

namespace MovieRec.Analysis;

/// <summary>Looks movies up by their exact movies.csv title, as notebook parameters name them.</summary>
public static class MovieTitles
{
    /// <summary>
    /// Splits a parameter string such as "Toy Story (1995); Matrix, The (1999)" at ';' into trimmed titles
    /// (titles contain commas, so ',' cannot separate them).
    /// </summary>
    public static string[] Parse(string titles)
    {
        ArgumentNullException.ThrowIfNull(titles);
        return titles.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The movie id of each title (exact, case-sensitive match; the first movie of a repeated title).</summary>
    /// <param name="movies">The movie list.</param>
    /// <param name="titles">Titles as in movies.csv, e.g. "Matrix, The (1999)".</param>
    /// <param name="parameterName">Named in the exception.</param>
    /// <exception cref="ArgumentException">A title is not in the list; the message suggests up to five close titles.</exception>
    public static int[] Resolve(IReadOnlyList<Movie> movies, IReadOnlyList<string> titles, string parameterName = "titles")
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(titles);
        var byTitle = new Dictionary<string, Movie>(StringComparer.Ordinal);
        foreach (var movie in movies)
        {
            byTitle.TryAdd(movie.Title, movie);
        }

        var ids = new int[titles.Count];
        for (var i = 0; i < titles.Count; i++)
        {
            if (!byTitle.TryGetValue(titles[i], out var movie))
            {
                // The part before the year is what people remember; "Matrix" finds "Matrix, The (1999)".
                var stem = titles[i].Split('(')[0].Trim();
                var close = stem.Length == 0
                    ? []
                    : movies.Where(m => m.Title.Contains(stem, StringComparison.OrdinalIgnoreCase)).Select(m => m.Title).Take(5).ToArray();
                throw new ArgumentException(
                    $"No movie is titled \"{titles[i]}\"" + (close.Length > 0 ? $"; did you mean: {string.Join("; ", close)}?" : "."),
                    parameterName);
            }

            ids[i] = movie.MovieId;
        }

        return ids;
    }
}

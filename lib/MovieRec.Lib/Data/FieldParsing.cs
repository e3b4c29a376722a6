using System.Globalization;

namespace MovieRec.Data;

/// <summary>
/// Shared field rules of the side-file readers (movies, tags, links, ML-1M and ML-100K text files):
/// header and field-count checks and number parsing, each failing with file, line and field.
/// </summary>
internal static class FieldParsing
{
    /// <summary>Checks line 1 against the expected column names (case-insensitive, trimmed).</summary>
    public static void CheckHeader(string path, IReadOnlyList<string> found, IReadOnlyList<string> expected)
    {
        var expectedText = string.Join(",", expected);
        var foundText = string.Join(",", found);
        if (found.Count > 0 && found[0].Length > 0 && char.IsAsciiDigit(found[0][0]))
        {
            throw new MovieLensFormatException(path, 1, null,
                $"missing header: expected '{expectedText}' on line 1 but found the data row '{foundText}'");
        }

        for (var i = 0; i < expected.Count; i++)
        {
            if (i >= found.Count || !string.Equals(found[i].Trim(), expected[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new MovieLensFormatException(path, 1, expected[i], $"wrong header: expected '{expectedText}' but found '{foundText}'");
            }
        }

        if (found.Count != expected.Count)
        {
            throw new MovieLensFormatException(path, 1, null,
                $"wrong header: expected '{expectedText}' but found '{foundText}' ({found.Count} columns)");
        }
    }

    public static void CheckFieldCount(string path, long line, IReadOnlyList<string> fields, IReadOnlyList<string> names, string separator)
    {
        if (fields.Count != names.Count)
        {
            throw new MovieLensFormatException(path, line, null,
                $"expected {names.Count} fields ({string.Join(separator, names)}) but found {fields.Count}");
        }
    }

    /// <summary>A non-negative whole number that fits an int (ids).</summary>
    public static int ParseId(string text, string path, long line, string field)
    {
        if (text.Length is > 0 and <= 10 && text.All(char.IsAsciiDigit) && long.Parse(text, CultureInfo.InvariantCulture) <= int.MaxValue)
        {
            return int.Parse(text, CultureInfo.InvariantCulture);
        }

        throw new MovieLensFormatException(path, line, field, $"'{text}' is not a valid id (a whole number from 0 to {int.MaxValue})");
    }

    /// <summary>Seconds since 1970 within the options' accepted range.</summary>
    public static long ParseTimestamp(string text, string path, long line, string field, MovieLensLoadOptions options)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new MovieLensFormatException(path, line, field, $"'{text}' is not a valid timestamp (whole seconds since 1970-01-01 UTC)");
        }

        if (value < options.MinimumTimestamp || value > options.MaximumTimestamp)
        {
            throw new MovieLensFormatException(path, line, field, RatingsLineDiagnoser.TimestampRangeProblem(value, options));
        }

        return value;
    }

    /// <summary>Throws when a movie id was already listed (a second entry would make MoviesById ambiguous).</summary>
    public static void AddMovie(Dictionary<int, long> firstLineById, List<Movie> movies, Movie movie, string path, long line, string field)
    {
        if (!firstLineById.TryAdd(movie.MovieId, line))
        {
            throw new MovieLensFormatException(path, line, field,
                $"movie {movie.MovieId} is listed twice (first on line {firstLineById[movie.MovieId]})");
        }

        movies.Add(movie);
    }
}

namespace MovieRec.Data;

/// <summary>Title conventions shared by all MovieLens formats.</summary>
public static class MovieTitles
{
    /// <summary>
    /// The year of a title ending in "(yyyy)" (trailing spaces allowed), e.g. "Toy Story (1995)" → 1995.
    /// Null for titles without a year ("Babylon 5") or with a range such as "(2006–2007)": a guess
    /// would be worse than no year.
    /// </summary>
    public static int? ParseYear(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var trimmed = title.AsSpan().TrimEnd();
        if (trimmed.Length < 6 || trimmed[^1] != ')' || trimmed[^6] != '(')
        {
            return null;
        }

        var digits = trimmed[^5..^1];
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
        }

        return int.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Splits a "|"-separated genre list; "(no genres listed)" and "" give an empty list.</summary>
    public static IReadOnlyList<string> ParseGenres(string genres)
    {
        ArgumentNullException.ThrowIfNull(genres);
        var trimmed = genres.Trim();
        return trimmed.Length == 0 || trimmed == "(no genres listed)"
            ? []
            : trimmed.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }
}

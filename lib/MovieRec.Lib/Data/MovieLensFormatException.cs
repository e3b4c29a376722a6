namespace MovieRec.Data;

/// <summary>
/// A MovieLens file is missing or malformed. The message always names the file and, where the
/// problem is in a row, the 1-based line number and the field, so the user can open the file at
/// the right place.
/// </summary>
public sealed class MovieLensFormatException : Exception
{
    public MovieLensFormatException(string filePath, long? lineNumber, string? field, string problem, Exception? inner = null)
        : base(Format(filePath, lineNumber, field, problem), inner)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }

    /// <summary>1-based line number, or null when the problem concerns the whole file.</summary>
    public long? LineNumber { get; }

    /// <summary>Name of the field (column) at fault, or null.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string filePath, long? lineNumber, string? field, string problem)
    {
        var location = filePath;
        if (lineNumber is { } line)
        {
            location += $", line {line}";
        }

        if (field is not null)
        {
            location += $", field '{field}'";
        }

        return $"{location}: {problem}";
    }
}

using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Line reading for the older GroupLens files (movies.dat, u.item, u.genre), which are ISO-8859-1
/// (Latin-1) with no quoting. Yields each non-blank line with its 1-based number; blank lines at the
/// end are ignored and a blank line followed by more lines is an error, as in <see cref="CsvRecordReader"/>.
/// </summary>
internal static class LatinTextLines
{
    public static IEnumerable<(long Line, string Text)> Read(string path, string whatIsExpected)
    {
        if (!File.Exists(path))
        {
            throw new MovieLensFormatException(path, null, null, $"file not found (expected {whatIsExpected})");
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new MovieLensFormatException(path, null, null, $"the file is empty (zero bytes); expected {whatIsExpected}");
        }

        return ReadLines(path);
    }

    private static IEnumerable<(long Line, string Text)> ReadLines(string path)
    {
        long number = 0;
        long? blank = null;
        foreach (var text in File.ReadLines(path, Encoding.Latin1))
        {
            number++;
            if (text.Length == 0)
            {
                blank ??= number;
                continue;
            }

            if (blank is { } blankLine)
            {
                throw new MovieLensFormatException(path, blankLine, null, "empty line between records");
            }

            yield return (number, text);
        }
    }
}

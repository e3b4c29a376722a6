using nietras.SeparatedValues;

namespace MovieRec.Data;

/// <summary>
/// Reads the MovieLens side files (movies.csv, tags.csv, links.csv) record by record with Sep: quoted
/// fields with commas, doubled quotes and even newlines, CRLF or LF, UTF-8 with or without a BOM.
/// It reports the line each record starts on so errors can name it. Blank lines at the end of the file
/// are ignored; a blank line followed by more records is an error (it would otherwise be a lost row).
/// </summary>
/// <remarks>
/// Sep finds the records, fields and line numbers. Two small pieces stay here because Sep is lenient
/// where this project wants a clear error: Sep's <c>Unescape</c> option turns a malformed field such as
/// <c>"Heat" (1995)</c> into <c>Heat (1995)</c> and an unclosed quote into a field that silently runs
/// to the end of the file. So fields are read raw, and a field that starts with a quote is checked and
/// unquoted by <see cref="Unquote"/>.
/// </remarks>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly SepReader _reader;

    public CsvRecordReader(string path)
    {
        FilePath = path;
        // HasHeader = false: the caller checks the header itself (a header-less file must name line 1,
        // not lose its first row). DisableColCountCheck: the caller reports a wrong field count with
        // the expected column names.
        _reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).FromFile(path);
    }

    public string FilePath { get; }

    /// <summary>1-based line on which the last record read starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the file.</summary>
    public bool TryReadRecord(List<string> fields)
    {
        fields.Clear();
        long? blankLine = null;
        while (_reader.MoveNext())
        {
            var row = _reader.Current;
            // Sep 0.17.1 reports the first row's LineNumberFrom as its LineNumberToExcl (it reads that
            // row ahead while setting up); the first row always starts on line 1.
            var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
            if (row.Span.Length == 0)
            {
                blankLine ??= line;
                continue;
            }

            if (blankLine is { } blank)
            {
                throw new MovieLensFormatException(FilePath, blank, null, "empty line between records");
            }

            LineNumber = line;
            var spansLines = row.LineNumberToExcl - line > 1;
            var fieldLine = line;
            for (var i = 0; i < row.ColCount; i++)
            {
                var raw = row[i].Span;
                fields.Add(Field(raw, fieldLine, spansLines));
                if (spansLines)
                {
                    fieldLine += CountLineBreaks(raw);
                }
            }

            return true;
        }

        return false;
    }

    private string Field(ReadOnlySpan<char> raw, long line, bool recordSpansLines)
    {
        if (raw.Length > 0 && raw[0] == '"')
        {
            return Unquote(raw, line);
        }

        // Sep treats any quote as opening a quoted section, so a stray quote in an unquoted field
        // (e.g. 5,Bob "the Builder,Comedy) swallows the line breaks after it. Say so rather than
        // report a puzzling field count.
        if (recordSpansLines && raw.IndexOfAny('\r', '\n') >= 0)
        {
            throw new MovieLensFormatException(FilePath, line, null,
                "a '\"' inside an unquoted field opens a quoted section that runs past the end of the line " +
                "(quote the whole field and double the quote)");
        }

        return raw.ToString();
    }

    /// <summary>
    /// Removes the outer quotes of a field that starts with '"' and turns each doubled quote into one;
    /// throws when the closing quote is missing or followed by more text.
    /// </summary>
    private string Unquote(ReadOnlySpan<char> raw, long line)
    {
        var inner = raw[1..];
        var start = 0;
        var doubled = false;
        while (true)
        {
            var quote = inner[start..].IndexOf('"');
            if (quote < 0)
            {
                throw new MovieLensFormatException(FilePath, line, null, "a quoted field is never closed (missing '\"')");
            }

            var position = start + quote;
            if (position == inner.Length - 1)
            {
                var text = inner[..position].ToString();
                return doubled ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text;
            }

            if (inner[position + 1] == '"')
            {
                doubled = true;
                start = position + 2;
                continue;
            }

            throw new MovieLensFormatException(FilePath, line + CountLineBreaks(inner[..position]), null,
                $"unexpected character '{inner[position + 1]}' after a closing quote (a quote inside a quoted field must be doubled)");
        }
    }

    /// <summary>Line breaks in <paramref name="text"/>, counting CRLF once, as Sep counts lines.</summary>
    private static int CountLineBreaks(ReadOnlySpan<char> text)
    {
        var count = text.Count('\n');
        var carriageReturns = text.Count('\r');
        if (carriageReturns > 0)
        {
            count += carriageReturns - text.Count("\r\n");
        }

        return count;
    }

    public void Dispose() => _reader.Dispose();
}

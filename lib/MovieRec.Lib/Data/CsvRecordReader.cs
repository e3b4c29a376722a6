using System.Text;

namespace MovieRec.Data;

/// <summary>
/// A small RFC 4180 reader for the MovieLens side files (movies.csv, tags.csv, links.csv): quoted
/// fields with commas, doubled quotes and even newlines, CRLF or LF, UTF-8 with or without a BOM.
/// It tracks the line each record starts on so errors can name it. Blank lines at the end of the file
/// are ignored; a blank line followed by more records is an error (it would otherwise be a lost row).
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private long _line = 1;

    public CsvRecordReader(string path)
    {
        FilePath = path;
        _reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
    }

    public string FilePath { get; }

    /// <summary>1-based line on which the last record read starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the file.</summary>
    public bool TryReadRecord(List<string> fields)
    {
        long? blankLine = null;
        while (true)
        {
            if (!TryReadRawRecord(fields))
            {
                return false;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                blankLine ??= LineNumber;
                continue;
            }

            if (blankLine is { } blank)
            {
                throw new MovieLensFormatException(FilePath, blank, null, "empty line between records");
            }

            return true;
        }
    }

    private bool TryReadRawRecord(List<string> fields)
    {
        fields.Clear();
        if (!EnsureData())
        {
            return false;
        }

        LineNumber = _line;
        while (true)
        {
            var terminator = _buffer[_position] == '"' ? ReadQuotedField() : ReadPlainField();
            fields.Add(_field.ToString());
            _field.Clear();
            switch (terminator)
            {
                case ',':
                    if (!EnsureData())
                    {
                        fields.Add(string.Empty);
                        return true;
                    }

                    continue;
                case '\r':
                    if (EnsureData() && _buffer[_position] == '\n')
                    {
                        _position++;
                    }

                    _line++;
                    return true;
                case '\n':
                    _line++;
                    return true;
                default:
                    return true; // end of file
            }
        }
    }

    /// <summary>Reads up to and consumes the terminator (',', '\r', '\n'); returns it, or '\0' at end of file.</summary>
    private char ReadPlainField()
    {
        while (EnsureData())
        {
            var span = _buffer.AsSpan(_position, _length - _position);
            var stop = span.IndexOfAny(',', '\r', '\n');
            if (stop < 0)
            {
                _field.Append(span);
                _position = _length;
                continue;
            }

            _field.Append(span[..stop]);
            _position += stop + 1;
            return span[stop];
        }

        return '\0';
    }

    private char ReadQuotedField()
    {
        var startLine = _line;
        _position++; // opening quote
        while (true)
        {
            if (!EnsureData())
            {
                throw new MovieLensFormatException(FilePath, startLine, null, "a quoted field is never closed (missing '\"')");
            }

            var c = _buffer[_position++];
            if (c == '\n')
            {
                _line++;
            }

            if (c != '"')
            {
                _field.Append(c);
                continue;
            }

            if (EnsureData() && _buffer[_position] == '"')
            {
                _field.Append('"'); // doubled quote
                _position++;
                continue;
            }

            if (!EnsureData())
            {
                return '\0';
            }

            var next = _buffer[_position++];
            if (next is ',' or '\r' or '\n')
            {
                return next;
            }

            throw new MovieLensFormatException(FilePath, _line, null,
                $"unexpected character '{next}' after a closing quote (a quote inside a quoted field must be doubled)");
        }
    }

    private bool EnsureData()
    {
        if (_position < _length)
        {
            return true;
        }

        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }

    public void Dispose() => _reader.Dispose();
}

using System.Text;
using Microsoft.Win32.SafeHandles;

namespace MovieRec.Data;

/// <summary>
/// The fast ratings reader (ratings.csv, ratings.dat, u.data). It never builds a string per row:
/// <list type="number">
/// <item>check the header and trim trailing newlines;</item>
/// <item>cut the data into ~2 × cores byte ranges at newline boundaries;</item>
/// <item>count the lines of each range in parallel (a vectorised count of '\n'), which gives every
/// range its first row, so the four result arrays can be allocated once at their exact size;</item>
/// <item>parse the ranges in parallel, chunk by chunk, straight into their slice of those arrays.</item>
/// </list>
/// Peak managed memory is therefore the result arrays plus one chunk buffer per worker. A rejected
/// line is handed to <see cref="RatingsLineDiagnoser"/>; its line number is known without a rescan
/// because blank lines are errors, so row index and line number move together.
/// </summary>
internal static partial class RatingsFileReader
{
    private const int HeaderProbeBytes = 64 * 1024;

    public static RatingsTable Read(
        string path, RatingsFileLayout layout, MovieLensLoadOptions options, RatingsReaderSettings? settings = null)
    {
        settings ??= RatingsReaderSettings.Default;
        if (!File.Exists(path))
        {
            throw new MovieLensFormatException(path, null, null,
                $"file not found (expected ratings as {layout.FieldListDisplay})");
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(handle);
        if (length == 0)
        {
            throw new MovieLensFormatException(path, null, null, layout.Header is null
                ? "the file is empty (zero bytes); expected rating rows " + layout.FieldListDisplay
                : $"the file is empty (zero bytes); expected the header '{layout.Header}' followed by ratings");
        }

        var dataStart = SkipPreamble(handle, path, length, layout);
        var dataEnd = TrimTrailingNewlines(handle, dataStart, length);
        if (dataEnd <= dataStart)
        {
            throw new MovieLensFormatException(path, null, null, layout.Header is null
                ? "the file has no ratings (only blank lines)"
                : "the file has a header but no ratings");
        }

        var ranges = SplitIntoRanges(handle, dataStart, dataEnd, settings);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = settings.MaxDegreeOfParallelism > 0 ? settings.MaxDegreeOfParallelism : Environment.ProcessorCount,
        };

        var rowCounts = new long[ranges.Length];
        Parallel.For(0, ranges.Length, parallel, i => rowCounts[i] = CountLines(handle, ranges[i], settings.ChunkSize));
        var firstRows = new long[ranges.Length];
        long total = 0;
        for (var i = 0; i < ranges.Length; i++)
        {
            firstRows[i] = total;
            total += rowCounts[i];
        }

        if (total > Array.MaxLength)
        {
            throw new MovieLensFormatException(path, null, null,
                $"the file has {total:N0} lines, more than the {Array.MaxLength:N0} ratings one table can hold");
        }

        // Uninitialized: every element is written by the parse below (or the read fails), so nothing
        // needs clearing first and the pages are first touched by the parallel workers that fill them.
        var count = (int)total;
        var columns = new Columns(
            GC.AllocateUninitializedArray<int>(count),
            GC.AllocateUninitializedArray<int>(count),
            GC.AllocateUninitializedArray<float>(count),
            GC.AllocateUninitializedArray<long>(count));
        HugePageAdvice.Advise(columns.UserIds);
        HugePageAdvice.Advise(columns.MovieIds);
        HugePageAdvice.Advise(columns.Ratings);
        HugePageAdvice.Advise(columns.Timestamps);
        var errors = new MovieLensFormatException?[ranges.Length];
        var context = new ParseContext(path, layout, options, columns);
        Parallel.For(0, ranges.Length, parallel, i =>
            errors[i] = ParseRange(handle, ranges[i], (int)firstRows[i], (int)rowCounts[i], context, settings.ChunkSize));

        // Ranges stop at their first bad line; the lowest range holds the first error in file order.
        foreach (var error in errors)
        {
            if (error is not null)
            {
                throw error;
            }
        }

        return new RatingsTable(columns.UserIds, columns.MovieIds, columns.Ratings, columns.Timestamps);
    }

    /// <summary>Skips a UTF-8 byte-order mark and, for layouts with one, checks the header line.</summary>
    private static long SkipPreamble(SafeFileHandle handle, string path, long length, RatingsFileLayout layout)
    {
        var probe = new byte[(int)Math.Min(length, HeaderProbeBytes)];
        ReadFully(handle, probe, 0);
        var start = probe.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        if (layout.Header is null)
        {
            return start;
        }

        var rest = probe.AsSpan(start);
        var newline = rest.IndexOf((byte)'\n');
        if (newline < 0 && probe.Length < length)
        {
            throw new MovieLensFormatException(path, 1, null,
                $"wrong header: expected '{layout.Header}' but line 1 is longer than {HeaderProbeBytes} bytes");
        }

        var headerBytes = newline < 0 ? rest : rest[..newline];
        if (headerBytes.EndsWith("\r"u8))
        {
            headerBytes = headerBytes[..^1];
        }

        CheckHeader(path, Encoding.UTF8.GetString(headerBytes), layout);
        return newline < 0 ? length : start + newline + 1;
    }

    private static void CheckHeader(string path, string found, RatingsFileLayout layout)
    {
        var expected = layout.Header!;
        if (found.Length > 0 && char.IsAsciiDigit(found[0]))
        {
            throw new MovieLensFormatException(path, 1, null,
                $"missing header: expected '{expected}' on line 1 but found the data row '{found}'");
        }

        var names = found.Split(layout.Separator);
        for (var i = 0; i < layout.FieldNames.Count; i++)
        {
            if (i >= names.Length || !string.Equals(names[i].Trim(), layout.FieldNames[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new MovieLensFormatException(path, 1, layout.FieldNames[i],
                    $"wrong header: expected '{expected}' but found '{found}'");
            }
        }

        if (names.Length != layout.FieldNames.Count)
        {
            throw new MovieLensFormatException(path, 1, null,
                $"wrong header: expected '{expected}' but found '{found}' ({names.Length} columns)");
        }
    }

    /// <summary>Returns the end of the data with trailing '\r' and '\n' bytes removed (an optional final newline, or several).</summary>
    private static long TrimTrailingNewlines(SafeFileHandle handle, long dataStart, long length)
    {
        var block = new byte[4096];
        var end = length;
        while (end > dataStart)
        {
            var size = (int)Math.Min(block.Length, end - dataStart);
            var span = block.AsSpan(0, size);
            ReadFully(handle, span, end - size);
            var last = span.LastIndexOfAnyExcept((byte)'\r', (byte)'\n');
            if (last >= 0)
            {
                return end - size + last + 1;
            }

            end -= size;
        }

        return dataStart;
    }

    /// <summary>Cuts [dataStart, dataEnd) into ranges that each start at a line start and end just after a '\n' (or at dataEnd).</summary>
    private static ByteRange[] SplitIntoRanges(SafeFileHandle handle, long dataStart, long dataEnd, RatingsReaderSettings settings)
    {
        var size = dataEnd - dataStart;
        var count = settings.RangeCount > 0
            ? settings.RangeCount
            : (int)Math.Clamp(size / Math.Max(1, settings.MinimumRangeBytes), 1, 2 * Environment.ProcessorCount);
        var ranges = new ByteRange[count];
        var start = dataStart;
        var probe = new byte[Math.Min(settings.ChunkSize, 64 * 1024)];
        for (var i = 0; i < count; i++)
        {
            var end = i == count - 1 ? dataEnd : FindLineStartAtOrAfter(handle, dataStart + (size * (i + 1) / count), dataEnd, probe);
            end = Math.Max(end, start);
            ranges[i] = new ByteRange(start, end);
            start = end;
        }

        return ranges;
    }

    /// <summary>The position just after the first '\n' at or after <paramref name="position"/>, or <paramref name="dataEnd"/>.</summary>
    private static long FindLineStartAtOrAfter(SafeFileHandle handle, long position, long dataEnd, byte[] probe)
    {
        while (position < dataEnd)
        {
            var span = probe.AsSpan(0, (int)Math.Min(probe.Length, dataEnd - position));
            ReadFully(handle, span, position);
            var newline = span.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return position + newline + 1;
            }

            position += span.Length;
        }

        return dataEnd;
    }

    /// <summary>Lines in a range: its '\n' count, plus one for a last line without a newline (only at the data end).</summary>
    private static long CountLines(SafeFileHandle handle, ByteRange range, int chunkSize)
    {
        if (range.Length == 0)
        {
            return 0;
        }

        var buffer = new byte[(int)Math.Min(chunkSize, range.Length)];
        long lines = 0;
        byte last = 0;
        for (var position = range.Start; position < range.End;)
        {
            var span = buffer.AsSpan(0, (int)Math.Min(buffer.Length, range.End - position));
            ReadFully(handle, span, position);
            lines += span.Count((byte)'\n');
            last = span[^1];
            position += span.Length;
        }

        return last == '\n' ? lines : lines + 1;
    }

    /// <summary>Positional reads may return less than asked; loop until the span is full.</summary>
    private static void ReadFully(SafeFileHandle handle, Span<byte> destination, long position)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(handle, destination, position);
            if (read == 0)
            {
                throw new IOException("The file became shorter while it was being read.");
            }

            destination = destination[read..];
            position += read;
        }
    }

    private readonly record struct ByteRange(long Start, long End)
    {
        public long Length => End - Start;
    }

    private sealed record Columns(int[] UserIds, int[] MovieIds, float[] Ratings, long[] Timestamps);

    private sealed record ParseContext(string Path, RatingsFileLayout Layout, MovieLensLoadOptions Options, Columns Columns);
}

using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace MovieRec.Data;

/// <summary>The hot loop of <see cref="RatingsFileReader"/>: one byte range, chunk by chunk, into its slice of the columns.</summary>
internal static partial class RatingsFileReader
{
    /// <summary>
    /// Parses one range into rows [firstRow, firstRow + rowCount). Returns the error of the first bad
    /// line (and stops), or null. Each chunk is cut after its last '\n' so every parsed line ends with
    /// '\n' — that newline is the sentinel that lets the digit loops run without bounds checks. The
    /// partial line left over is carried to the front of the buffer for the next read.
    /// </summary>
    private static MovieLensFormatException? ParseRange(
        SafeFileHandle handle, ByteRange range, int firstRow, int rowCount, ParseContext context, int chunkSize)
    {
        if (range.Length == 0)
        {
            return null;
        }

        // One spare byte so a last line without a newline can get one appended.
        var buffer = new byte[(int)Math.Min(chunkSize, range.Length) + 1];
        var carry = 0;
        var position = range.Start;
        var row = firstRow;
        var endRow = firstRow + rowCount;
        while (true)
        {
            var toRead = (int)Math.Min(buffer.Length - 1 - carry, range.End - position);
            ReadFully(handle, buffer.AsSpan(carry, toRead), position);
            position += toRead;
            var available = carry + toRead;
            var atEnd = position >= range.End;
            int parseEnd;
            if (atEnd)
            {
                if (available > 0 && buffer[available - 1] != '\n')
                {
                    buffer[available++] = (byte)'\n';
                }

                parseEnd = available;
            }
            else
            {
                parseEnd = buffer.AsSpan(0, available).LastIndexOf((byte)'\n') + 1;
                if (parseEnd == 0)
                {
                    // A line longer than the buffer: grow and read on.
                    Array.Resize(ref buffer, ((buffer.Length - 1) * 2) + 1);
                    carry = available;
                    continue;
                }
            }

            var error = ParseLines(buffer.AsSpan(0, parseEnd), ref row, endRow, context);
            if (error is not null || atEnd)
            {
                return error;
            }

            carry = available - parseEnd;
            buffer.AsSpan(parseEnd, carry).CopyTo(buffer);
        }
    }

    /// <summary>
    /// Parses complete lines (the span ends with '\n'). Mirrors the rules of <see cref="RatingsLineDiagnoser"/>
    /// exactly; any deviation sends the line there for the message.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe MovieLensFormatException? ParseLines(
        ReadOnlySpan<byte> lines, ref int row, int endRow, ParseContext context)
    {
        var separator = context.Layout.Separator;
        var sep0 = (byte)separator[0];
        var sep1 = separator.Length > 1 ? (byte)separator[1] : (byte)0;
        var sepLength = separator.Length;
        var minimumTimestamp = context.Options.MinimumTimestamp;
        var maximumTimestamp = context.Options.MaximumTimestamp;
        var columns = context.Columns;
        var r = row;
        fixed (byte* start = lines)
        fixed (int* users = columns.UserIds)
        fixed (int* movies = columns.MovieIds)
        fixed (float* ratings = columns.Ratings)
        fixed (long* timestamps = columns.Timestamps)
        {
            var p = start;
            var end = start + lines.Length;
            while (p < end)
            {
                var lineStart = p;
                uint digit;

                // userId
                var fieldStart = p;
                ulong user = 0;
                while ((digit = (uint)(*p - '0')) <= 9)
                {
                    user = (user * 10) + digit;
                    p++;
                    if (p - fieldStart > 10)
                    {
                        goto Bad;
                    }
                }

                if (p == fieldStart || user > int.MaxValue || *p != sep0 || (sepLength == 2 && p[1] != sep1))
                {
                    goto Bad;
                }

                p += sepLength;

                // movieId
                fieldStart = p;
                ulong movie = 0;
                while ((digit = (uint)(*p - '0')) <= 9)
                {
                    movie = (movie * 10) + digit;
                    p++;
                    if (p - fieldStart > 10)
                    {
                        goto Bad;
                    }
                }

                if (p == fieldStart || movie > int.MaxValue || *p != sep0 || (sepLength == 2 && p[1] != sep1))
                {
                    goto Bad;
                }

                p += sepLength;

                // rating: digits [. digits], a half step, 0.5..5.0
                fieldStart = p;
                uint whole = 0;
                while ((digit = (uint)(*p - '0')) <= 9)
                {
                    whole = Math.Min((whole * 10) + digit, 1000);
                    p++;
                }

                if (p == fieldStart)
                {
                    goto Bad;
                }

                var twice = whole * 2;
                if (*p == '.')
                {
                    p++;
                    digit = (uint)(*p - '0');
                    if (digit == 5)
                    {
                        twice++;
                    }
                    else if (digit != 0)
                    {
                        goto Bad;
                    }

                    p++;
                    while (*p == '0')
                    {
                        p++;
                    }

                    if ((uint)(*p - '0') <= 9)
                    {
                        goto Bad;
                    }
                }

                if (twice - 1 > 9 || *p != sep0 || (sepLength == 2 && p[1] != sep1))
                {
                    goto Bad;
                }

                p += sepLength;

                // timestamp: [-] 1..18 digits, within the accepted range, then the line end
                var negative = *p == '-';
                if (negative)
                {
                    p++;
                }

                fieldStart = p;
                long time = 0;
                while ((digit = (uint)(*p - '0')) <= 9)
                {
                    time = (time * 10) + digit;
                    p++;
                    if (p - fieldStart > 18)
                    {
                        goto Bad;
                    }
                }

                if (negative)
                {
                    time = -time;
                }

                if (p == fieldStart || time < minimumTimestamp || time > maximumTimestamp)
                {
                    goto Bad;
                }

                if (*p == '\r')
                {
                    p++;
                }

                if (*p != '\n' || r >= endRow)
                {
                    goto Bad;
                }

                p++;
                users[r] = (int)user;
                movies[r] = (int)movie;
                ratings[r] = twice * 0.5f;
                timestamps[r] = time;
                r++;
                continue;

            Bad:
                row = r;
                if (r >= endRow)
                {
                    throw new InvalidOperationException($"{context.Path} changed while it was being read.");
                }

                var line = new ReadOnlySpan<byte>(lineStart, (int)(end - lineStart));
                line = line[..line.IndexOf((byte)'\n')];
                if (line.EndsWith("\r"u8))
                {
                    line = line[..^1];
                }

                var lineNumber = context.Layout.FirstDataLine + r;
                return RatingsLineDiagnoser.Diagnose(context.Path, lineNumber, line, context.Layout, context.Options);
            }
        }

        row = r;
        return null;
    }
}

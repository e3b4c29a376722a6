using System.Text;

namespace MovieRec.Data;

/// <summary>
/// The slow, careful half of the ratings parser. The hot loop in <see cref="RatingsFileReader"/> only
/// notices that a line is wrong; this class re-reads that one line with the same rules and says which
/// field is wrong and why. Keeping the rules here (and mirroring them in the hot loop) means the fast
/// path never has to build strings.
/// </summary>
internal static class RatingsLineDiagnoser
{
    /// <summary>Ids are 1 to 10 ASCII digits with a value of at most <see cref="int.MaxValue"/>.</summary>
    public static bool TryParseId(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 10)
        {
            return false;
        }

        long accumulated = 0;
        foreach (var b in text)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            accumulated = (accumulated * 10) + digit;
        }

        if (accumulated > int.MaxValue)
        {
            return false;
        }

        value = (int)accumulated;
        return true;
    }

    /// <summary>Timestamps are an optional '-' and 1 to 18 ASCII digits (18 digits cannot overflow a long).</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        var negative = !text.IsEmpty && text[0] == '-';
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits.Length > 18)
        {
            return false;
        }

        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>
    /// Ratings are "digits" or "digits.digits" (e.g. 4, 4.0, 3.5, 4.50). Returns null when the value is
    /// fine, otherwise the problem. The hot loop applies the same three checks in the same order.
    /// </summary>
    public static string? RatingProblem(ReadOnlySpan<byte> text, out float value)
    {
        value = 0;
        var dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && fraction.IsEmpty) || !AllDigits(whole) || !AllDigits(fraction))
        {
            return $"'{Show(text)}' is not a number (expected a rating like 4.0 or 3.5)";
        }

        var isHalfStep = fraction.IsEmpty || ((fraction[0] == '0' || fraction[0] == '5') && AllZeros(fraction[1..]));
        if (!isHalfStep)
        {
            return $"rating '{Show(text)}' is not a half step (0.5, 1.0, 1.5, ..., 5.0)";
        }

        long twice = 0;
        foreach (var b in whole)
        {
            // Saturate: anything past 1000 is out of range anyway and must not overflow.
            twice = Math.Min((twice * 10) + (b - '0'), 1000);
        }

        twice = (twice * 2) + (!fraction.IsEmpty && fraction[0] == '5' ? 1 : 0);
        if (twice < 1 || twice > 10)
        {
            return $"rating '{Show(text)}' is outside 0.5 to 5.0";
        }

        value = twice * 0.5f;
        return null;
    }

    /// <summary>Builds the exception for a line the hot loop rejected.</summary>
    public static MovieLensFormatException Diagnose(
        string path, long lineNumber, ReadOnlySpan<byte> line, RatingsFileLayout layout, MovieLensLoadOptions options)
    {
        if (line.IsEmpty)
        {
            return new MovieLensFormatException(path, lineNumber, null,
                "empty line; every line must be a rating (" + layout.FieldListDisplay + ")");
        }

        var separator = Encoding.ASCII.GetBytes(layout.Separator);
        var fields = Split(line, separator);
        if (fields.Count != layout.FieldNames.Count)
        {
            return new MovieLensFormatException(path, lineNumber, null,
                $"expected {layout.FieldNames.Count} fields separated by {layout.SeparatorDisplay} " +
                $"({layout.FieldListDisplay}) but found {fields.Count}: '{Show(line)}'");
        }

        for (var i = 0; i < 2; i++)
        {
            if (!TryParseId(line[fields[i]], out _))
            {
                return new MovieLensFormatException(path, lineNumber, layout.FieldNames[i],
                    $"'{Show(line[fields[i]])}' is not a valid id (a whole number from 0 to {int.MaxValue})");
            }
        }

        if (RatingProblem(line[fields[2]], out _) is { } ratingProblem)
        {
            return new MovieLensFormatException(path, lineNumber, layout.FieldNames[2], ratingProblem);
        }

        if (!TryParseTimestamp(line[fields[3]], out var timestamp))
        {
            return new MovieLensFormatException(path, lineNumber, layout.FieldNames[3],
                $"'{Show(line[fields[3]])}' is not a valid timestamp (whole seconds since 1970-01-01 UTC)");
        }

        if (timestamp < options.MinimumTimestamp || timestamp > options.MaximumTimestamp)
        {
            return new MovieLensFormatException(path, lineNumber, layout.FieldNames[3], TimestampRangeProblem(timestamp, options));
        }

        // The hot loop and this class disagree: report the line rather than hide the inconsistency.
        return new MovieLensFormatException(path, lineNumber, null, $"could not parse the line '{Show(line)}'");
    }

    public static string TimestampRangeProblem(long timestamp, MovieLensLoadOptions options) =>
        $"timestamp {timestamp} is outside the accepted range {options.MinimumTimestamp} " +
        $"({Describe(options.MinimumTimestamp)}) to {options.MaximumTimestamp} ({Describe(options.MaximumTimestamp)})";

    private static string Describe(long seconds) =>
        seconds >= -62_135_596_800 && seconds <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : "out of calendar range";

    private static List<Range> Split(ReadOnlySpan<byte> line, ReadOnlySpan<byte> separator)
    {
        var result = new List<Range>(4);
        var start = 0;
        while (true)
        {
            var at = line[start..].IndexOf(separator);
            if (at < 0)
            {
                result.Add(start..line.Length);
                return result;
            }

            result.Add(start..(start + at));
            start += at + separator.Length;
        }
    }

    private static bool AllDigits(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllZeros(ReadOnlySpan<byte> text) => !text.ContainsAnyExcept((byte)'0');

    /// <summary>Shows bytes as text in a message (invalid UTF-8 becomes U+FFFD), capped at 200 characters.</summary>
    public static string Show(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.Length > 200 ? bytes[..200] : bytes);
        return bytes.Length > 200 ? text + "..." : text;
    }
}

using Microsoft.Data.Analysis;

namespace MovieRec.Notebooks;

/// <summary>
/// Narrower and tidier views of wide tables for display, e.g. a few columns of <c>Leaderboard.ToDataFrame</c>
/// (which has about fifty) with means rounded to four decimals. Both return new tables; the input is unchanged.
/// </summary>
public static class DataFrameViews
{
    /// <summary>A copy of the named columns, in the order given.</summary>
    /// <exception cref="ArgumentException">No name given, or a name that is not a column (the message lists the columns).</exception>
    public static DataFrame SelectColumns(this DataFrame frame, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0)
        {
            throw new ArgumentException("Name at least one column.", nameof(names));
        }

        var available = frame.Columns.Select(c => c.Name).ToArray();
        var columns = new List<DataFrameColumn>(names.Length);
        foreach (var name in names)
        {
            if (!available.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"No column \"{name}\"; the table has: {string.Join(", ", available)}.", nameof(names));
            }

            columns.Add(frame.Columns[name].Clone());
        }

        return new DataFrame(columns);
    }

    /// <summary>A copy with every double and float column rounded to <paramref name="digits"/> decimals (missing values stay missing).</summary>
    public static DataFrame RoundNumbers(this DataFrame frame, int digits)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (digits is < 0 or > 15)
        {
            throw new ArgumentException($"digits must be between 0 and 15, not {digits}.", nameof(digits));
        }

        var columns = frame.Columns.Select(column => column switch
        {
            PrimitiveDataFrameColumn<double> doubles => new DoubleDataFrameColumn(column.Name,
                doubles.Select(v => v is { } d && double.IsFinite(d) ? Math.Round(d, digits, MidpointRounding.AwayFromZero) : v)),
            PrimitiveDataFrameColumn<float> floats => new SingleDataFrameColumn(column.Name,
                floats.Select(v => v is { } f && float.IsFinite(f) ? (float)Math.Round(f, digits, MidpointRounding.AwayFromZero) : v)),
            _ => column.Clone(),
        });
        return new DataFrame(columns);
    }
}

using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Analysis;

namespace MovieRec.Notebooks;

/// <summary>
/// Turns the library's result records into <see cref="DataFrame"/>s, which notebook hosts display as HTML tables.
/// The library returns plain records and arrays (it has no display concerns); this is the one place that makes tables of them.
/// </summary>
public static class Tables
{
    /// <summary>
    /// (name, value) rows — what <c>ToRows()</c> of the summary records returns — as a two-column table with the
    /// headers "quantity" and "value".
    /// </summary>
    /// <remarks>
    /// No optional parameters here on purpose: C# prefers an overload that needs no default arguments, so with
    /// defaults the generic <see cref="ToDataFrame{T}(IEnumerable{T})"/> would win for tuples.
    /// </remarks>
    public static DataFrame ToDataFrame(this IEnumerable<(string Name, string Value)> rows) => ToDataFrame(rows, "quantity", "value");

    /// <summary>(name, value) rows as a two-column table with the given headers.</summary>
    /// <param name="rows">The rows, in display order.</param>
    /// <param name="nameColumn">Header of the first column.</param>
    /// <param name="valueColumn">Header of the second column.</param>
    public static DataFrame ToDataFrame(this IEnumerable<(string Name, string Value)> rows, string nameColumn, string valueColumn)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(valueColumn);
        var array = rows.ToArray();
        return new DataFrame(
            new StringDataFrameColumn(nameColumn, array.Select(r => r.Name)),
            new StringDataFrameColumn(valueColumn, array.Select(r => r.Value)));
    }

    /// <summary>
    /// A table with one row per element and one column per public instance property of <typeparamref name="T"/>,
    /// in declaration order, named as the property. Numbers, booleans and dates keep their type (nullable ones
    /// too); a collection property becomes a string joined with ", "; anything else its invariant string form.
    /// </summary>
    public static DataFrame ToDataFrame<T>(this IEnumerable<T> rows) => ToDataFrame(rows, digits: null);

    /// <summary>
    /// Like <see cref="ToDataFrame{T}(IEnumerable{T})"/>, with floating-point columns rounded to <paramref name="digits"/>
    /// decimals for display (means and shares computed from integers otherwise show 15 digits of noise).
    /// </summary>
    /// <param name="rows">The records.</param>
    /// <param name="digits">Decimals to keep, 0 to 15.</param>
    public static DataFrame ToDataFrame<T>(this IEnumerable<T> rows, int digits)
    {
        if (digits is < 0 or > 15)
        {
            throw new ArgumentException($"digits must be between 0 and 15, not {digits}.", nameof(digits));
        }

        return ToDataFrame(rows, (int?)digits);
    }

    private static DataFrame ToDataFrame<T>(IEnumerable<T> rows, int? digits)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var array = rows.ToArray();
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken) // declaration order
            .ToArray();
        if (properties.Length == 0)
        {
            throw new ArgumentException($"{typeof(T).Name} has no public properties to make columns of.", nameof(rows));
        }

        return new DataFrame(properties.Select(p => Column(p, array, digits)));
    }

    private static DataFrameColumn Column<T>(PropertyInfo property, T[] rows, int? digits)
    {
        var name = property.Name;
        object? Get(T row) => row is null ? null : property.GetValue(row);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type switch
        {
            _ when type == typeof(int) => new PrimitiveDataFrameColumn<int>(name, rows.Select(r => (int?)Get(r))),
            _ when type == typeof(long) => new PrimitiveDataFrameColumn<long>(name, rows.Select(r => (long?)Get(r))),
            _ when type == typeof(float) => new PrimitiveDataFrameColumn<float>(name, rows.Select(r => (float?)Round((float?)Get(r), digits))),
            _ when type == typeof(double) => new PrimitiveDataFrameColumn<double>(name, rows.Select(r => Round((double?)Get(r), digits))),
            _ when type == typeof(bool) => new PrimitiveDataFrameColumn<bool>(name, rows.Select(r => (bool?)Get(r))),
            _ when type == typeof(DateTime) => new PrimitiveDataFrameColumn<DateTime>(name, rows.Select(r => (DateTime?)Get(r))),
            _ when type == typeof(DateTimeOffset) => new PrimitiveDataFrameColumn<DateTime>(
                name, rows.Select(r => Get(r) is DateTimeOffset d ? d.UtcDateTime : (DateTime?)null)),
            _ => new StringDataFrameColumn(name, rows.Select(r => Format(Get(r)))),
        };
    }

    private static double? Round(double? value, int? digits) =>
        value is { } v && digits is { } d && double.IsFinite(v) ? Math.Round(v, d, MidpointRounding.AwayFromZero) : value;

    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture))),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

using System.Globalization;

namespace MovieRec.Cli.Commands;

/// <summary>
/// Reading option values for the commands that parse their arguments by hand. Errors are
/// <see cref="ArgumentException"/>s naming the option, which Program prints as a one-line error.
/// </summary>
internal static class CommandOptions
{
    /// <summary>The value after option <c>args[i]</c>; advances <paramref name="i"/> past it.</summary>
    public static string Value(string[] args, ref int i) =>
        i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[++i]
            : throw new ArgumentException($"option {args[i]} needs a value.");

    /// <summary>The whole-number value after option <c>args[i]</c>; advances <paramref name="i"/> past it.</summary>
    public static int Int(string[] args, ref int i)
    {
        var option = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"option {option} needs a whole number, not '{text}'.");
    }

    /// <summary>The number after option <c>args[i]</c> (invariant culture); advances <paramref name="i"/> past it.</summary>
    public static double Number(string[] args, ref int i)
    {
        var option = args[i];
        var text = Value(args, ref i);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"option {option} needs a number, not '{text}'.");
    }
}

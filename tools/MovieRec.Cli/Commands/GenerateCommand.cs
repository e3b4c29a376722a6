using System.Globalization;
using MovieRec.Data;

namespace MovieRec.Cli.Commands;

/// <summary>
/// <c>movierec generate --output DIR [--preset small|ml25m] [--users N] [--movies N] [--ratings N] [--tags N] [--seed N]</c>:
/// writes a synthetic MovieLens data set (<see cref="SyntheticMovieLens"/>). Sizes given explicitly override
/// the preset; when --ratings changes and --tags is not given, tags keep the preset's tags-per-rating ratio.
/// </summary>
internal static class GenerateCommand
{
    private const string Usage =
        "usage: movierec generate --output DIR [--preset small|ml25m] [--users N] [--movies N] [--ratings N] [--tags N] [--seed N]";

    private static readonly HashSet<string> KnownOptions =
        ["--output", "-o", "--preset", "--users", "--movies", "--ratings", "--tags", "--seed"];

    public static int Run(string[] args)
    {
        string? output = null;
        var options = SyntheticMovieLensOptions.Small;
        int? users = null, movies = null, ratings = null, tags = null, seed = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                Console.WriteLine(Usage);
                return 0;
            }

            if (!KnownOptions.Contains(name))
            {
                return Fail($"unknown option '{name}'.");
            }

            if (i + 1 >= args.Length)
            {
                return Fail($"option '{name}' needs a value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--output" or "-o":
                    output = value;
                    break;
                case "--preset":
                    switch (value.ToLowerInvariant())
                    {
                        case "small":
                            options = SyntheticMovieLensOptions.Small;
                            break;
                        case "ml25m":
                            options = SyntheticMovieLensOptions.Ml25mShape;
                            break;
                        default:
                            return Fail($"unknown preset '{value}' (expected small or ml25m).");
                    }

                    break;
                case "--users":
                    users = ParseCount(name, value);
                    break;
                case "--movies":
                    movies = ParseCount(name, value);
                    break;
                case "--ratings":
                    ratings = ParseCount(name, value);
                    break;
                case "--tags":
                    tags = ParseCount(name, value);
                    break;
                case "--seed":
                    seed = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
                        ? s
                        : throw new ArgumentException($"--seed expects an integer, got '{value}'.");
                    break;
                default:
                    return Fail($"unknown option '{name}'.");
            }
        }

        if (output is null)
        {
            return Fail("missing --output DIR.");
        }

        var tagsPerRating = (double)options.TagCount / options.RatingCount;
        options = options with
        {
            UserCount = users ?? options.UserCount,
            MovieCount = movies ?? options.MovieCount,
            RatingCount = ratings ?? options.RatingCount,
            TagCount = tags ?? (ratings is { } r ? (int)Math.Round(r * tagsPerRating) : options.TagCount),
            Seed = seed ?? options.Seed,
            Progress = new ConsoleProgress(),
        };

        Console.Error.WriteLine(
            $"generating {options.UserCount:N0} users, {options.MovieCount:N0} movies, {options.RatingCount:N0} ratings, " +
            $"{options.TagCount:N0} tags (seed {options.Seed}) into {Path.GetFullPath(output)}");
        var summary = SyntheticMovieLens.Generate(output, options);
        Console.Error.WriteLine();
        Console.WriteLine(summary);
        return 0;
    }

    private static int ParseCount(string name, string value) =>
        int.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} expects a positive integer, got '{value}'.");

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }

    /// <summary>Prints "NN%" on one stderr line, synchronously (Progress&lt;T&gt; would post to the thread pool out of order).</summary>
    private sealed class ConsoleProgress : IProgress<double>
    {
        private int _lastPercent = -1;

        public void Report(double value)
        {
            var percent = (int)(value * 100);
            if (percent != _lastPercent)
            {
                _lastPercent = percent;
                Console.Error.Write($"\r{percent,3}%");
            }
        }
    }
}

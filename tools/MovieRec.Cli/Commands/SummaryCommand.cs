using System.Diagnostics;
using MovieRec.Data;

namespace MovieRec.Cli.Commands;

/// <summary>
/// `movierec summary [--data NAME] [--path DIR] [--strict]`: finds the data set (see DataLocator), loads
/// and validates it, and prints its summary and data-quality findings.
/// </summary>
internal static class SummaryCommand
{
    public static int Run(string[] args)
    {
        var name = "ml-latest-small";
        string? path = null;
        var strict = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data":
                    name = CommandOptions.Value(args, ref i);
                    break;
                case "--path":
                    path = CommandOptions.Value(args, ref i);
                    break;
                case "--strict":
                    strict = true;
                    break;
                default:
                    throw new ArgumentException($"summary: unknown option '{args[i]}'. Options: --data NAME, --path DIR, --strict.");
            }
        }

        var location = DataLocator.Locate(name, new DataLocatorOptions { Path = path });
        Console.WriteLine($"Data: {location}");
        var stopwatch = Stopwatch.StartNew();
        var dataset = MovieLensLoader.Load(location.Path, new MovieLensLoadOptions { TreatWarningsAsErrors = strict });
        stopwatch.Stop();

        var rows = DatasetSummary.Of(dataset).ToRows();
        var width = rows.Max(r => r.Name.Length);
        foreach (var (label, value) in rows)
        {
            Console.WriteLine($"  {label.PadRight(width)}  {value}");
        }

        Console.WriteLine($"  {"data quality".PadRight(width)}  {dataset.Quality}");
        Console.WriteLine($"Loaded and validated in {stopwatch.Elapsed.TotalSeconds:F2} s.");
        return 0;
    }
}

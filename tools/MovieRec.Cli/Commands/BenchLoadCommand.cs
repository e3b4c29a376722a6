using System.Diagnostics;
using System.Globalization;
using MovieRec.Data;

namespace MovieRec.Cli.Commands;

/// <summary>
/// <c>movierec bench-load [--file PATH | --generate-if-missing DIR [--preset ml25m|small]] [--repeat N]</c>:
/// times <see cref="MovieLensLoader.LoadRatings"/> on one ratings.csv (a warm-up, then N timed runs; best
/// and median), and reports throughput, rows, peak working set, managed memory after the load against the
/// typed size of the columns (rows × 20 bytes: two ints, a float and a long). When ml-latest-small sits in
/// ../shared/data (beside the repository or the current folder) it also times a full
/// <see cref="MovieLensLoader.Load"/> of it.
/// </summary>
internal static class BenchLoadCommand
{
    private const string Usage =
        "usage: movierec bench-load [--file PATH | --generate-if-missing DIR [--preset ml25m|small]] [--repeat N]";

    // Bytes per rating in RatingsTable: int user, int movie, float rating, long timestamp.
    private const int TypedBytesPerRow = 4 + 4 + 4 + 8;

    private static readonly HashSet<string> KnownOptions = ["--file", "--generate-if-missing", "--preset", "--repeat"];

    public static int Run(string[] args)
    {
        string? file = null, generateDirectory = null;
        var preset = SyntheticMovieLensOptions.Ml25mShape;
        var repeat = 3;
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
                case "--file":
                    file = value;
                    break;
                case "--generate-if-missing":
                    generateDirectory = value;
                    break;
                case "--preset":
                    preset = value.ToLowerInvariant() switch
                    {
                        "ml25m" => SyntheticMovieLensOptions.Ml25mShape,
                        "small" => SyntheticMovieLensOptions.Small,
                        _ => throw new ArgumentException($"unknown preset '{value}' (expected ml25m or small)."),
                    };
                    break;
                default:
                    repeat = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1
                        ? n
                        : throw new ArgumentException($"--repeat expects a positive integer, got '{value}'.");
                    break;
            }
        }

        if ((file is null) == (generateDirectory is null))
        {
            return Fail("give exactly one of --file PATH or --generate-if-missing DIR.");
        }

        if (generateDirectory is not null)
        {
            file = Path.Combine(generateDirectory, "ratings.csv");
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"{file} is missing: generating a synthetic data set ({preset.RatingCount:N0} ratings) first.");
                var summary = SyntheticMovieLens.Generate(generateDirectory, preset);
                Console.Error.WriteLine(summary);
            }
        }

        if (!File.Exists(file))
        {
            return Fail($"file not found: {file}");
        }

        try
        {
            BenchmarkRatings(Path.GetFullPath(file!), repeat);
            BenchmarkFullLoadOfMlLatestSmall(repeat);
        }
        catch (NotImplementedException)
        {
            Console.Error.WriteLine("error: MovieLensLoader is not implemented yet in this build.");
            return 1;
        }

        return 0;
    }

    private static void BenchmarkRatings(string path, int repeat)
    {
        var bytes = new FileInfo(path).Length;
        Console.WriteLine($"file           {path} ({Megabytes(bytes)})");
        Console.WriteLine($"runtime        .NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");

        var warmUp = MeasureOnce(path).Elapsed;
        Console.WriteLine($"warm-up        {Seconds(warmUp)}  {bytes / 1e6 / warmUp.TotalSeconds,8:F1} MB/s");

        var times = new List<TimeSpan>(repeat);
        long retained = 0, allocated = 0, heapAfter = 0;
        var rows = 0;
        for (var run = 1; run <= repeat; run++)
        {
            var measurement = MeasureOnce(path);
            (rows, retained, allocated, heapAfter) = (measurement.Rows, measurement.Retained, measurement.Allocated, measurement.HeapAfter);
            times.Add(measurement.Elapsed);
            Console.WriteLine($"run {run,-10} {Seconds(measurement.Elapsed)}  {bytes / 1e6 / measurement.Elapsed.TotalSeconds,8:F1} MB/s");
        }

        times.Sort();
        var best = times[0];
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        var typed = (long)rows * TypedBytesPerRow;
        var info = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"rows           {rows:N0}");
        Console.WriteLine($"best           {Seconds(best)}  {bytes / 1e6 / best.TotalSeconds,8:F1} MB/s  ({repeat} runs)");
        Console.WriteLine($"median         {Seconds(median)}  {bytes / 1e6 / median.TotalSeconds,8:F1} MB/s");
        Console.WriteLine($"managed heap   {Megabytes(heapAfter)} after load (GC heap size {Megabytes(info.HeapSizeBytes)}); table retains {Megabytes(retained)}");
        Console.WriteLine($"allocated      {Megabytes(allocated)} during one load ({(typed == 0 ? 0 : (double)allocated / typed):F2} × typed)");
        Console.WriteLine($"typed arrays   {Megabytes(typed)} (rows × {TypedBytesPerRow} B); managed/typed {(typed == 0 ? 0 : (double)retained / typed):F2}");
        Console.WriteLine($"peak working   {Megabytes(process.PeakWorkingSet64)} (whole process, all runs)");
    }

    // One timed load in its own frame, so the table is unreachable once it returns and the next run's
    // baseline does not count it (an out local in the caller's loop would keep it alive).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (TimeSpan Elapsed, int Rows, long Retained, long Allocated, long HeapAfter) MeasureOnce(string path)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var table = MovieLensLoader.LoadRatings(path);
        var elapsed = stopwatch.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var rows = table.Count;
        GC.KeepAlive(table);
        return (elapsed, rows, heapAfter - baseline, allocated, heapAfter);
    }

    private static void BenchmarkFullLoadOfMlLatestSmall(int repeat)
    {
        var directory = FindMlLatestSmall();
        if (directory is null)
        {
            Console.WriteLine("ml-latest-small full load (MovieLensLoader.Load): skipped, ../shared/data/ml-latest-small not found");
            return;
        }

        Time(() => MovieLensLoader.Load(directory), out _); // warm-up
        var best = TimeSpan.MaxValue;
        MovieLensDataset? dataset = null;
        for (var run = 0; run < repeat; run++)
        {
            var elapsed = Time(() => MovieLensLoader.Load(directory), out dataset);
            best = elapsed < best ? elapsed : best;
        }

        Console.WriteLine(
            $"ml-latest-small full load (MovieLensLoader.Load): best {best.TotalMilliseconds:F1} ms of {repeat}; " +
            $"{dataset!.Ratings.Count:N0} ratings, {dataset.Movies.Count:N0} movies, {dataset.Tags.Count:N0} tags, " +
            $"{dataset.Links.Count:N0} links ({directory})");
    }

    // ../shared/data/ml-latest-small seen from the current folder or the folder of the binary, walking up.
    private static string? FindMlLatestSmall()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", "ml-latest-small");
                if (File.Exists(Path.Combine(candidate, "ratings.csv")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static TimeSpan Time<T>(Func<T> action, out T result)
    {
        var stopwatch = Stopwatch.StartNew();
        result = action();
        return stopwatch.Elapsed;
    }

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds,8:F3} s";

    private static string Megabytes(long bytes) => $"{bytes / 1e6:N1} MB";

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}

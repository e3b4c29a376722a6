using System.Diagnostics;
using System.Globalization;
using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Models.Baselines;

namespace MovieRec.Cli.Commands;

/// <summary>
/// `movierec bench-als [--data DIR] [--factors 64] [--iterations 3] [--steps 3]`: fits <see cref="ImplicitAls"/> on
/// every rating of DIR/ratings.csv (default /tmp/ml25m, made by `movierec generate --preset ml25m --output
/// /tmp/ml25m`) and prints the seconds of each sweep, their mean, the set-up time and the peak working set.
/// </summary>
internal static class BenchAlsCommand
{
    public static int Run(string[] args)
    {
        var data = "/tmp/ml25m";
        int factors = 64, iterations = 3, steps = 3;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": data = CommandOptions.Value(args, ref i); break;
                case "--factors": factors = CommandOptions.Int(args, ref i); break;
                case "--iterations": iterations = CommandOptions.Int(args, ref i); break;
                case "--steps": steps = CommandOptions.Int(args, ref i); break;
                default:
                    throw new ArgumentException($"bench-als: unknown option '{args[i]}'. Options: --data DIR, --factors N, --iterations N, --steps N.");
            }
        }

        var ratingsPath = Path.Combine(data, "ratings.csv");
        if (!File.Exists(ratingsPath))
        {
            throw new IOException($"{ratingsPath} not found; create it with: movierec generate --preset ml25m --output {data}");
        }

        var watch = Stopwatch.StartNew();
        var ratings = MovieLensLoader.LoadRatings(ratingsPath);
        var loadSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var training = new TrainingData(ratings);
        _ = training.SeenItems;
        var indexSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"Data: {ratingsPath}: {ratings.Count:N0} ratings, {training.UserVocabulary.Count:N0} users, {training.ItemVocabulary.Count:N0} movies (load {loadSeconds:F1} s, index {indexSeconds:F1} s)."));
        Console.WriteLine($"Cores: {Environment.ProcessorCount}; load average at start: {BenchRecommendCommand.LoadAverage()}");

        var model = new ImplicitAls(ImplicitAlsOptions.Default with { Factors = factors, Iterations = iterations, ConjugateGradientSteps = steps });
        var sweeps = new List<double>();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var lastCpu = cpuBefore;
        watch.Restart();
        model.Fit(training, progress =>
        {
            sweeps.Add(progress.Elapsed.TotalSeconds);
            process.Refresh();
            var cpu = (process.TotalProcessorTime - lastCpu).TotalSeconds;
            lastCpu = process.TotalProcessorTime;
            Console.WriteLine(FormattableString.Invariant(
                $"  iteration {progress.Iteration}: {progress.Elapsed.TotalSeconds:F2} s wall, {cpu:F1} s CPU (load average {BenchRecommendCommand.LoadAverage()})"));
        });
        var fitSeconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var fitCpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        Console.WriteLine(FormattableString.Invariant(
            $"{model.Name}, cg steps {steps}: {sweeps.Average():F2} s/iteration (best {sweeps.Min():F2}), fit total {fitSeconds:F1} s wall, {fitCpuSeconds:F1} s CPU, including set-up."));
        Console.WriteLine(FormattableString.Invariant(
            $"Peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB; managed heap now {GC.GetTotalMemory(false) / (1 << 20):N0} MiB."));
        return 0;
    }

}

using System.Diagnostics;
using System.Globalization;
using MovieRec.Models.TwoTower;
using MovieRec.Retrieval;

namespace MovieRec.Cli.Commands;

/// <summary>
/// `movierec bench-ann`: exact top-k (<see cref="ExactTopK"/>) for every user against the approximate index
/// (<see cref="ApproximateIndex"/>) on synthetic embeddings (<see cref="ClusteredEmbeddings"/>), like with like: for
/// each thread count (--threads, default 2,1) the exact scan of all users and the approximate search of a seeded
/// sample run with that many threads, back to back in one process, each timed --repeats times (median reported, load
/// average beside every time). Speed-up = exact µs/query ÷ approximate µs/query at the same thread count.
/// Options (defaults): --users 162541 --items 59047 --dim 64 --k 100 --sample 20000 --seed 42;
/// embeddings --clusters 256 --noise 0.6 --latent-dim 0 (0 = all of --dim) --ambient-noise 0;
/// index --scalar f32 (f32|f16|i8) --connectivity 24 --expansion-add 256 --build-threads 2 --expansions 16,32,64,128,192;
/// exclusions --seen 0 (uniformly random excluded items per user) --exclusion filter (filter|overfetch);
/// timing --threads 2,1 --repeats 3. --model DIR replaces the synthetic vectors with a saved two-tower recommender's
/// user and item vectors and excludes each user's training movies (e.g. a model from `bench-twotower --save DIR`).
/// See docs/retrieval.md for the measured sweep behind these defaults.
/// </summary>
internal static class BenchAnnCommand
{
    public static int Run(string[] args)
    {
        var settings = BenchAnnSettings.Parse(args);
        var watch = Stopwatch.StartNew();
        float[] userEmbeddings, itemEmbeddings;
        ExcludedItems? seen;
        int d, users;
        if (settings.Model is not null)
        {
            // Vectors a two-tower model learned (e.g. `bench-twotower --data <ML-25M-shaped> --save DIR`), with each
            // user's training movies excluded as the recommender excludes them.
            var model = TwoTowerRecommender.Load(settings.Model);
            (userEmbeddings, itemEmbeddings, d) = (model.UserVectors(), model.ItemVectors(), model.VectorWidth);
            seen = ExcludedItems.FromSeenItems(model.TrainingSeenItems);
            users = userEmbeddings.Length / d;
            Console.WriteLine(FormattableString.Invariant(
                $"Embeddings: the trained two-tower model in {Path.GetFullPath(settings.Model)} ({model.Name}): {users:N0} users × {itemEmbeddings.Length / d:N0} items, width {d} (normalised: {model.Options.NormalizeEmbeddings}, item bias column: {model.Options.ItemBias}); each user's {model.TrainingSeenItems.Count:N0} training ratings in all excluded ({watch.Elapsed.TotalSeconds:F1} s to load, not timed)."));
        }
        else
        {
            var embeddingOptions = new ClusteredEmbeddingsOptions
            {
                Dimension = settings.Dimension, Clusters = settings.Clusters, ItemNoise = settings.Noise, UserNoise = settings.Noise,
                LatentDimension = settings.LatentDimension, AmbientNoise = settings.AmbientNoise, Seed = settings.Seed,
            };
            (userEmbeddings, itemEmbeddings) = ClusteredEmbeddings.Generate(settings.Users, settings.Items, embeddingOptions);
            seen = settings.Seen > 0 ? RandomExclusions(settings.Users, settings.Items, settings.Seen, settings.Seed + 1) : null;
            (d, users) = (settings.Dimension, settings.Users);
            Console.WriteLine(FormattableString.Invariant(
                $"Embeddings: {settings.Users:N0} users × {settings.Items:N0} items, d={d} (latent {(settings.LatentDimension > 0 ? settings.LatentDimension : d)}, ambient noise {settings.AmbientNoise}), {settings.Clusters} clusters, noise {settings.Noise}, L2-normalised, seed {settings.Seed}; {settings.Seen} random excluded items per user ({watch.Elapsed.TotalSeconds:F1} s, not timed)."));
        }

        var sample = Math.Min(settings.Sample, users);
        Console.WriteLine($"Cores: {Environment.ProcessorCount}; load average: {BenchRecommendCommand.LoadAverage()}");

        var process = Process.GetCurrentProcess();
        var k = settings.K;
        var exactPerQuery = new Dictionary<int, double>();
        Console.WriteLine($"Exact top-{k} for all {users:N0} users (ExactTopK, torch threads as listed):");
        Console.WriteLine("| threads | run | wall s | CPU s | µs/query | CPU-µs/query | load average after |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var threads in settings.Threads)
        {
            TorchSharp.torch.set_num_threads(threads);
            var runs = new List<double>();
            for (var run = 1; run <= settings.Repeats; run++)
            {
                var (_, seconds, cpu) = Timed(process, () => ExactTopK.Search(userEmbeddings, itemEmbeddings, d, k, seen));
                runs.Add(seconds / users);
                Console.WriteLine(FormattableString.Invariant(
                    $"| {threads} | {run} | {seconds:F2} | {cpu:F1} | {seconds / users * 1e6:F1} | {cpu / users * 1e6:F1} | {BenchRecommendCommand.LoadAverage()} |"));
            }

            exactPerQuery[threads] = Median(runs);
        }

        TorchSharp.torch.set_num_threads(settings.Threads.Max());
        var options = new ApproximateIndexOptions
        {
            ScalarKind = settings.ScalarKind, Connectivity = settings.Connectivity, ExpansionAdd = settings.ExpansionAdd,
            BuildThreads = settings.BuildThreads, Exclusion = settings.Exclusion,
        };
        var (index, buildSeconds, buildCpu) = Timed(process, () => ApproximateIndex.Build(itemEmbeddings, d, options));
        using var _ = index;
        Console.WriteLine(FormattableString.Invariant(
            $"Index build (USearch {options.Metric}, {options.ScalarKind}, connectivity {options.Connectivity}, expansion_add {options.ExpansionAdd}, {options.BuildThreads} threads): {buildSeconds:F2} s wall, {buildCpu:F1} s CPU; index memory {index.MemoryUsageBytes / (1 << 20):N0} MiB, SIMD {index.HardwareAcceleration} (load average {BenchRecommendCommand.LoadAverage()})"));

        // A seeded sample of users; their exact rows are recomputed for the sample alone (not timed): ExactTopK's rows
        // do not depend on the batch they are computed in, so they equal the all-users rows.
        var chosen = Enumerable.Range(0, users).ToArray();
        new Random(settings.Seed).Shuffle(chosen);
        chosen = chosen[..sample];
        var queries = new float[(long)sample * d];
        for (var q = 0; q < sample; q++)
        {
            userEmbeddings.AsSpan(chosen[q] * d, d).CopyTo(queries.AsSpan(q * d, d));
        }

        var sampleSeen = seen is null ? null : Rows(seen, chosen);
        var exactSample = ExactTopK.Search(queries, itemEmbeddings, d, k, sampleSeen);

        Console.WriteLine(FormattableString.Invariant(
            $"Approximate search of {sample:N0} sampled users ({settings.Exclusion} exclusions); µs/query = median of {settings.Repeats} runs (min–max); speed-up against the exact µs/query at the same thread count:"));
        Console.WriteLine("| threads | expansion_search | k | µs/query | CPU-µs/query | queries/s | speed-up | recall@10 | recall@" + k + " | load average after |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var met = new List<string>();
        foreach (var threads in settings.Threads)
        {
            index.SearchThreads = threads;
            foreach (var expansion in settings.Expansions)
            {
                index.ExpansionSearch = expansion;
                foreach (var searchK in new[] { 10, k }.Distinct())
                {
                    var runs = new List<double>();
                    var cpuRuns = new List<double>();
                    ExactTopKResult? found = null;
                    for (var run = 0; run < settings.Repeats; run++)
                    {
                        var (result, seconds, cpu) = Timed(process, () => index.Search(queries, searchK, sampleSeen));
                        found = result;
                        runs.Add(seconds / sample);
                        cpuRuns.Add(cpu / sample);
                    }

                    var perQuery = Median(runs);
                    var recall10 = ApproximateIndex.RecallAgainstExact(found!, exactSample, 10);
                    var recallK = searchK == k ? ApproximateIndex.RecallAgainstExact(found!, exactSample, k).ToString("F4", CultureInfo.InvariantCulture) : "–";
                    var speedUp = exactPerQuery[threads] / perQuery;
                    Console.WriteLine(FormattableString.Invariant(
                        $"| {threads} | {expansion} | {searchK} | {perQuery * 1e6:F1} ({runs.Min() * 1e6:F1}–{runs.Max() * 1e6:F1}) | {Median(cpuRuns) * 1e6:F1} | {1 / perQuery:N0} | {speedUp:F1}× | {recall10:F4} | {recallK} | {BenchRecommendCommand.LoadAverage()} |"));
                    if (recall10 >= 0.95 && speedUp >= 5)
                    {
                        met.Add(FormattableString.Invariant($"{threads} thread(s), k = {searchK}, expansion_search {expansion}: recall@10 {recall10:F4} at {speedUp:F1}×"));
                    }
                }
            }
        }

        Console.WriteLine(met.Count == 0
            ? "Target (≥ 5× faster per query at recall@10 ≥ 0.95): NOT met by any setting above."
            : "Target (≥ 5× faster per query at recall@10 ≥ 0.95) met by: " + string.Join("; ", met) + ".");
        Console.WriteLine(FormattableString.Invariant(
            $"Peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB; load average now {BenchRecommendCommand.LoadAverage()}."));
        return 0;
    }

    /// <summary>For every user, <paramref name="count"/> distinct items drawn uniformly (seeded): stand-ins for seen movies.</summary>
    private static ExcludedItems RandomExclusions(int users, int items, int count, int seed)
    {
        count = Math.Min(count, items);
        var random = new Random(seed);
        var offsets = new int[users + 1];
        var indices = new int[(long)users * count];
        var row = new HashSet<int>();
        for (var u = 0; u < users; u++)
        {
            row.Clear();
            while (row.Count < count)
            {
                row.Add(random.Next(items));
            }

            row.CopyTo(indices, u * count);
            offsets[u + 1] = (u + 1) * count;
        }

        return new ExcludedItems(offsets, indices);
    }

    private static ExcludedItems Rows(ExcludedItems all, int[] rows)
    {
        var offsets = new int[rows.Length + 1];
        var indices = new List<int>();
        for (var r = 0; r < rows.Length; r++)
        {
            indices.AddRange(all.RowAt(rows[r]).ToArray());
            offsets[r + 1] = indices.Count;
        }

        return new ExcludedItems(offsets, [.. indices]);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static (T Value, double Seconds, double CpuSeconds) Timed<T>(Process process, Func<T> action)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var value = action();
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (value, seconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }
}

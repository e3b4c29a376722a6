using System.Diagnostics;
using System.Globalization;
using MovieRec.Retrieval;

namespace MovieRec.Cli.Commands;

/// <summary>
/// `movierec bench-ann [--users 162541] [--items 59047] [--dim 64] [--k 100] [--sample 20000] [--expansions 16,32,64,128,256]
/// [--connectivity 16] [--expansion-add 128] [--build-threads 2] [--clusters 256] [--noise 0.6] [--seed 42]`: exact
/// top-k (<see cref="ExactTopK"/>) for every user against the approximate index (<see cref="ApproximateIndex"/>) on
/// clustered synthetic embeddings (<see cref="ClusteredEmbeddings"/>): exact time for all users, index build time and
/// memory, then for each expansion_search the approximate per-query time, queries/s and recall@10/@k against the
/// exact answers on a seeded sample of users (the first --sample users of a seeded shuffle).
/// </summary>
internal static class BenchAnnCommand
{
    public static int Run(string[] args)
    {
        int users = 162_541, items = 59_047, dimension = 64, k = 100, sample = 20_000, connectivity = 16, expansionAdd = 128;
        int buildThreads = Environment.ProcessorCount, clusters = 256, seed = 42;
        var noise = 0.6;
        int[] expansions = [16, 32, 64, 128, 256];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--users": users = CommandOptions.Int(args, ref i); break;
                case "--items": items = CommandOptions.Int(args, ref i); break;
                case "--dim": dimension = CommandOptions.Int(args, ref i); break;
                case "--k": k = CommandOptions.Int(args, ref i); break;
                case "--sample": sample = CommandOptions.Int(args, ref i); break;
                case "--connectivity": connectivity = CommandOptions.Int(args, ref i); break;
                case "--expansion-add": expansionAdd = CommandOptions.Int(args, ref i); break;
                case "--build-threads": buildThreads = CommandOptions.Int(args, ref i); break;
                case "--clusters": clusters = CommandOptions.Int(args, ref i); break;
                case "--seed": seed = CommandOptions.Int(args, ref i); break;
                case "--noise": noise = Number(args, ref i); break;
                case "--expansions": expansions = [.. CommandOptions.Value(args, ref i).Split(',').Select(ParseExpansion)]; break;
                default:
                    throw new ArgumentException(
                        $"bench-ann: unknown option '{args[i]}'. Options: --users, --items, --dim, --k, --sample, --expansions a,b,c, " +
                        "--connectivity, --expansion-add, --build-threads, --clusters, --noise, --seed.");
            }
        }

        if (users < 1 || items < 1 || k < 10 || sample < 1)
        {
            throw new ArgumentException("bench-ann: --users, --items and --sample must be at least 1 and --k at least 10.");
        }

        sample = Math.Min(sample, users);
        var watch = Stopwatch.StartNew();
        var embeddingOptions = new ClusteredEmbeddingsOptions
        {
            Dimension = dimension, Clusters = clusters, ItemNoise = noise, UserNoise = noise, Seed = seed,
        };
        var (userEmbeddings, itemEmbeddings) = ClusteredEmbeddings.Generate(users, items, embeddingOptions);
        Console.WriteLine(FormattableString.Invariant(
            $"Embeddings: {users:N0} users × {items:N0} items, d={dimension}, {clusters} clusters (skew {embeddingOptions.ClusterSkew}, {embeddingOptions.ClustersPerUser} per user), noise {noise}, L2-normalised, seed {seed} ({watch.Elapsed.TotalSeconds:F1} s, not timed below)."));
        Console.WriteLine($"Cores: {Environment.ProcessorCount}; torch threads: {TorchSharp.torch.get_num_threads()}; load average: {BenchRecommendCommand.LoadAverage()}");

        var process = Process.GetCurrentProcess();
        var (exact, exactSeconds, exactCpu) = Timed(process, () => ExactTopK.Search(userEmbeddings, itemEmbeddings, dimension, k));
        var exactPerQuery = exactSeconds / users;
        Console.WriteLine(FormattableString.Invariant(
            $"Exact top-{k} for all {users:N0} users (ExactTopK): {exactSeconds:F2} s wall, {exactCpu:F1} s CPU → {exactPerQuery * 1e6:F1} µs/query, {users / exactSeconds:N0} queries/s (load average {BenchRecommendCommand.LoadAverage()})"));

        var options = new ApproximateIndexOptions { Connectivity = connectivity, ExpansionAdd = expansionAdd, BuildThreads = buildThreads };
        var (index, buildSeconds, buildCpu) = Timed(process, () => ApproximateIndex.Build(itemEmbeddings, dimension, options));
        using var _ = index;
        Console.WriteLine(FormattableString.Invariant(
            $"Index build (USearch {options.Metric}, connectivity {connectivity}, expansion_add {expansionAdd}, {buildThreads} threads): {buildSeconds:F2} s wall, {buildCpu:F1} s CPU; index memory {index.MemoryUsageBytes / (1 << 20):N0} MiB, SIMD {index.HardwareAcceleration} (load average {BenchRecommendCommand.LoadAverage()})"));

        // A seeded sample of users. Their exact rows are recomputed for the sample alone (not timed): ExactTopK's
        // rows do not depend on the batch they are computed in, so they equal the all-users rows.
        var chosen = Enumerable.Range(0, users).ToArray();
        new Random(seed).Shuffle(chosen);
        chosen = chosen[..sample];
        var queries = new float[(long)sample * dimension];
        for (var q = 0; q < sample; q++)
        {
            userEmbeddings.AsSpan(chosen[q] * dimension, dimension).CopyTo(queries.AsSpan(q * dimension, dimension));
        }

        var exactSample = ExactTopK.Search(queries, itemEmbeddings, dimension, k);

        Console.WriteLine(FormattableString.Invariant($"Approximate search of {sample:N0} sampled users, {index.SearchThreads} search threads; speed-up = exact µs/query ÷ approximate µs/query:"));
        Console.WriteLine(FormattableString.Invariant($"(exact: {exactPerQuery * 1e6:F1} µs/query wall, {exactCpu / users * 1e6:F1} CPU-µs/query)"));
        Console.WriteLine("| expansion_search | k | µs/query | CPU-µs/query | queries/s | speed-up (wall) | speed-up (CPU) | recall@10 | recall@" + k + " |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        string? best = null;
        foreach (var expansion in expansions)
        {
            index.ExpansionSearch = expansion;
            foreach (var searchK in new[] { 10, k }.Distinct())
            {
                var (found, seconds, cpuSeconds) = Timed(process, () => index.Search(queries, searchK));
                var perQuery = seconds / sample;
                var recall10 = ApproximateIndex.RecallAgainstExact(found, exactSample, 10);
                var recallK = searchK == k ? ApproximateIndex.RecallAgainstExact(found, exactSample, k).ToString("F4", CultureInfo.InvariantCulture) : "–";
                var speedUp = exactPerQuery / perQuery;
                var cpuSpeedUp = exactCpu / users / (cpuSeconds / sample);
                Console.WriteLine(FormattableString.Invariant(
                    $"| {expansion} | {searchK} | {perQuery * 1e6:F1} | {cpuSeconds / sample * 1e6:F1} | {sample / seconds:N0} | {speedUp:F1}× | {cpuSpeedUp:F1}× | {recall10:F4} | {recallK} |"));
                if (searchK == 10 && recall10 >= 0.95 && speedUp >= 5 && best is null)
                {
                    best = FormattableString.Invariant($"expansion_search {expansion}: recall@10 {recall10:F4} at {speedUp:F1}× the exact per-query speed");
                }
            }
        }

        Console.WriteLine(best is null
            ? "Target (≥ 5× faster per query at recall@10 ≥ 0.95): NOT met by any setting above."
            : $"Target (≥ 5× faster per query at recall@10 ≥ 0.95): met, first at {best}.");
        Console.WriteLine(FormattableString.Invariant(
            $"Peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB; load average now {BenchRecommendCommand.LoadAverage()}."));
        return 0;
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

    private static int ParseExpansion(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new ArgumentException($"option --expansions needs positive whole numbers separated by commas, not '{text}'.");

    private static double Number(string[] args, ref int i)
    {
        var option = args[i];
        var text = CommandOptions.Value(args, ref i);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"option {option} needs a number, not '{text}'.");
    }
}

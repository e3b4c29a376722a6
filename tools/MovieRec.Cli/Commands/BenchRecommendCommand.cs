using System.Diagnostics;
using System.Globalization;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Retrieval;
using MovieRec.Splits;

namespace MovieRec.Cli.Commands;

/// <summary>
/// `movierec bench-recommend [--users 162000] [--items 59000] [--dim 64] [--k 10] [--per-user 154] [--seed 42]
/// [--data DIR] [--batch-mb 128]`: exact top-k for every user from random embeddings, excluding each
/// user's seen items, then every ranking metric against a held-out set; prints the time of each stage.
/// Without --data the interactions are synthetic: each user gets 20 + Exp(per-user − 20) distinct items
/// (popular items likelier), 75% seen and 25% held out. With --data DIR the ratings.csv there is split
/// stratified per user 75/25 (seed 42): train gives the seen items, test the held-out ones.
/// </summary>
internal static class BenchRecommendCommand
{
    public static int Run(string[] args)
    {
        int users = 162_000, items = 59_000, dimension = 64, k = 10, perUser = 154, seed = 42, batchMegabytes = 128;
        string? data = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--users": users = CommandOptions.Int(args, ref i); break;
                case "--items": items = CommandOptions.Int(args, ref i); break;
                case "--dim": dimension = CommandOptions.Int(args, ref i); break;
                case "--k": k = CommandOptions.Int(args, ref i); break;
                case "--per-user": perUser = CommandOptions.Int(args, ref i); break;
                case "--seed": seed = CommandOptions.Int(args, ref i); break;
                case "--batch-mb": batchMegabytes = CommandOptions.Int(args, ref i); break;
                case "--data": data = CommandOptions.Value(args, ref i); break;
                default:
                    throw new ArgumentException(
                        $"bench-recommend: unknown option '{args[i]}'. Options: --users, --items, --dim, --k, --per-user, --seed, --data DIR, --batch-mb.");
            }
        }

        var watch = Stopwatch.StartNew();
        var (userIds, itemIds, seen, truth) = data is null
            ? Synthetic(users, items, perUser, seed)
            : FromData(data);
        users = userIds.Length;
        items = itemIds.Length;
        var random = new Random(seed);
        var userEmbeddings = RandomEmbeddings(random, users, dimension);
        var itemEmbeddings = RandomEmbeddings(random, items, dimension);
        Console.WriteLine(FormattableString.Invariant(
            $"Setup: {users:N0} users × {items:N0} items, d={dimension}, k={k}, {seen.ItemIndices.Length:N0} seen and {truth.MovieIds.Length:N0} held-out interactions ({watch.Elapsed.TotalSeconds:F1} s, not timed below)."));
        Console.WriteLine($"Cores: {Environment.ProcessorCount}; torch threads: {TorchSharp.torch.get_num_threads()}; load average: {LoadAverage()}");

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        watch.Restart();
        var found = ExactTopK.Search(
            userEmbeddings, itemEmbeddings, dimension, k, seen, new ExactTopKOptions { MaximumBatchBytes = (long)batchMegabytes << 20 });
        var topKSeconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var topKCpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        watch.Restart();
        var ids = new int[found.ItemIndices.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = found.ItemIndices[i] < 0 ? 0 : itemIds[found.ItemIndices[i]];
        }

        var recommendations = Recommendations.FromStrided(userIds, found.K, found.Lengths, ids, found.Scores);
        var mapSeconds = watch.Elapsed.TotalSeconds;

        process.Refresh();
        cpuBefore = process.TotalProcessorTime;
        watch.Restart();
        var metrics = RankingMetrics.Compute(recommendations, truth, k);
        var metricsSeconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var metricsCpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        Console.WriteLine(FormattableString.Invariant($"Exact top-{k} for all users: {topKSeconds:F2} s wall, {topKCpuSeconds:F1} s CPU ({users / topKSeconds:N0} users/s)"));
        Console.WriteLine(FormattableString.Invariant($"Map to ids (Recommendations): {mapSeconds:F2} s"));
        Console.WriteLine(FormattableString.Invariant($"Ranking metrics ({metrics.UsersEvaluated:N0} users): {metricsSeconds:F2} s wall, {metricsCpuSeconds:F2} s CPU"));
        Console.WriteLine(FormattableString.Invariant($"Total: {topKSeconds + mapSeconds + metricsSeconds:F2} s; load average now {LoadAverage()}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB"));
        Console.WriteLine(FormattableString.Invariant(
            $"(Random embeddings, so metrics are near chance: NDCG@{k} {metrics.Ndcg:F4}, precision {metrics.Precision:F4}, recall {metrics.Recall:F4}.)"));
        return 0;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";


    private static float[] RandomEmbeddings(Random random, int rows, int dimension)
    {
        var values = new float[(long)rows * dimension];
        var scale = 1f / MathF.Sqrt(dimension);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ((random.NextSingle() * 2) - 1) * scale;
        }

        return values;
    }

    /// <summary>Synthetic interactions, generated in parallel with one seeded generator per user.</summary>
    private static (int[] UserIds, int[] ItemIds, ExcludedItems Seen, GroundTruth Truth) Synthetic(int users, int items, int perUser, int seed)
    {
        var rows = new int[users][];
        Parallel.For(0, users, () => new int[items], (u, _, stamp) =>
        {
            var random = new Random(unchecked((seed * 1_000_003) + u));
            var count = Math.Min(items, 20 + (int)(-Math.Log(1 - random.NextDouble()) * Math.Max(1, perUser - 20)));
            var row = new int[count];
            for (var i = 0; i < count; i++)
            {
                int item;
                do
                {
                    // Cubing a uniform number favours low indices: a long-tailed popularity.
                    var x = random.NextDouble();
                    item = (int)(x * x * x * items);
                }
                while (stamp[item] == u + 1);

                stamp[item] = u + 1;
                row[i] = item;
            }

            rows[u] = row;
            return stamp;
        }, _ => { });

        var offsets = new int[users + 1];
        for (var u = 0; u < users; u++)
        {
            offsets[u + 1] = offsets[u] + (rows[u].Length - (rows[u].Length / 4));
        }

        var seenItems = new int[offsets[^1]];
        var heldOut = new int[users][];
        for (var u = 0; u < users; u++)
        {
            var testCount = rows[u].Length / 4;
            heldOut[u] = rows[u][..testCount];
            rows[u].AsSpan(testCount).CopyTo(seenItems.AsSpan(offsets[u]));
        }

        var ids = Enumerable.Range(0, users).ToArray();
        return (ids, Enumerable.Range(0, items).ToArray(), new ExcludedItems(offsets, seenItems), GroundTruth.FromRows(ids, heldOut));
    }

    private static (int[] UserIds, int[] ItemIds, ExcludedItems Seen, GroundTruth Truth) FromData(string directory)
    {
        var ratings = MovieLensLoader.LoadRatings(Path.Combine(directory, "ratings.csv"));
        var split = StratifiedPerUserSplitter.Split(ratings, 0.25, 42);
        var train = new TrainingData(split.Train);
        return (train.UserVocabulary.Ids.ToArray(), train.ItemVocabulary.Ids.ToArray(),
            ExcludedItems.FromSeenItems(train.SeenItems), GroundTruth.FromRatings(split.Test));
    }
}

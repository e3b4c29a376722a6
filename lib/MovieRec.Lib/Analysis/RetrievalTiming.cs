using System.Diagnostics;
using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Retrieval;

namespace MovieRec.Analysis;

/// <summary>How long one way of retrieving top-k lists for a set of users took.</summary>
/// <param name="Method">What was timed, e.g. "ExactTopK (torch matmul + topk)".</param>
/// <param name="Queries">Users (query vectors) served per run.</param>
/// <param name="Items">Catalogue size scanned per query.</param>
/// <param name="K">List length.</param>
/// <param name="Repeats">Timed runs (after one untimed warm-up run).</param>
/// <param name="BestSeconds">Fastest run: the least disturbed by other work on a shared machine.</param>
/// <param name="MeanSeconds">Mean over the timed runs.</param>
public sealed record RetrievalTimingResult(string Method, int Queries, int Items, int K, int Repeats, double BestSeconds, double MeanSeconds)
{
    /// <summary>Milliseconds per query in the fastest run.</summary>
    public double MillisecondsPerQuery => Queries == 0 ? 0 : BestSeconds * 1000 / Queries;

    /// <summary>Queries per second in the fastest run.</summary>
    public double QueriesPerSecond => BestSeconds <= 0 ? double.PositiveInfinity : Queries / BestSeconds;
}

/// <summary>
/// Times exact top-k retrieval for every user: the batched TorchSharp scan (<see cref="ExactTopK"/>) and a model's
/// own <see cref="IRecommender.Recommend"/>; and measures how far two retrievals agree (for an approximate index,
/// its recall against the exact lists).
/// </summary>
public static class RetrievalTiming
{
    /// <summary>Times <see cref="ExactTopK.Search"/> of all <paramref name="userVectors"/> against all <paramref name="itemVectors"/>.</summary>
    /// <param name="userVectors">Users × dimension, row-major (e.g. a two-tower model's cached user vectors).</param>
    /// <param name="itemVectors">Items × dimension, row-major.</param>
    /// <param name="dimension">Embedding size.</param>
    /// <param name="k">List length, at least 1.</param>
    /// <param name="excluded">Per-user excluded item indices (the training items), or null.</param>
    /// <param name="repeats">Timed runs, at least 1, after one warm-up run. Default 3.</param>
    /// <returns>The timing and the lists of the last run.</returns>
    public static (RetrievalTimingResult Timing, ExactTopKResult Lists) Exact(
        float[] userVectors, float[] itemVectors, int dimension, int k, ExcludedItems? excluded, int repeats = 3)
    {
        ArgumentNullException.ThrowIfNull(userVectors);
        ArgumentNullException.ThrowIfNull(itemVectors);
        if (dimension < 1)
        {
            throw new ArgumentException($"dimension must be at least 1, not {dimension}.", nameof(dimension));
        }

        RequirePositive(k, nameof(k));
        RequirePositive(repeats, nameof(repeats));
        ExactTopKResult? lists = null;
        var (best, mean) = Time(repeats, () => lists = ExactTopK.Search(userVectors, itemVectors, dimension, k, excluded));
        var timing = new RetrievalTimingResult(
            "ExactTopK (torch matmul + topk)", userVectors.Length / dimension, itemVectors.Length / dimension, k, repeats, best, mean);
        return (timing, lists!);
    }

    /// <summary>
    /// Times <see cref="ApproximateIndex.Search"/> of all <paramref name="userVectors"/> against a built index (the
    /// build is not timed; see <see cref="ApproximateIndex.Build"/>).
    /// </summary>
    /// <param name="index">An index built from the same item vectors the exact search uses.</param>
    /// <param name="userVectors">Users × <see cref="ApproximateIndex.Dimension"/>, row-major.</param>
    /// <param name="k">List length, at least 1.</param>
    /// <param name="excluded">Per-user excluded item indices (the training items), or null.</param>
    /// <param name="repeats">Timed runs, at least 1, after one warm-up run. Default 3.</param>
    /// <returns>The timing and the lists of the last run.</returns>
    public static (RetrievalTimingResult Timing, ExactTopKResult Lists) Approximate(
        ApproximateIndex index, float[] userVectors, int k, ExcludedItems? excluded, int repeats = 3)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(userVectors);
        RequirePositive(k, nameof(k));
        RequirePositive(repeats, nameof(repeats));
        ExactTopKResult? lists = null;
        var (best, mean) = Time(repeats, () => lists = index.Search(userVectors, k, excluded));
        var method = $"ApproximateIndex (USearch HNSW, M {index.Connectivity}, ef {index.ExpansionSearch})";
        return (new RetrievalTimingResult(method, userVectors.Length / index.Dimension, index.ItemCount, k, repeats, best, mean), lists!);
    }

    /// <summary>Times <paramref name="model"/>.Recommend(<paramref name="userIds"/>, <paramref name="k"/>) with the default exclusions.</summary>
    /// <param name="model">A fitted recommender.</param>
    /// <param name="userIds">The users, e.g. every training user.</param>
    /// <param name="itemCount">Catalogue size, for the record.</param>
    /// <param name="k">List length, at least 1.</param>
    /// <param name="repeats">Timed runs, at least 1, after one warm-up run. Default 3.</param>
    /// <returns>The timing and the lists of the last run.</returns>
    public static (RetrievalTimingResult Timing, Recommendations Lists) Recommend(
        IRecommender model, int[] userIds, int itemCount, int k, int repeats = 3)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(userIds);
        RequirePositive(k, nameof(k));
        RequirePositive(repeats, nameof(repeats));
        Recommendations? lists = null;
        var (best, mean) = Time(repeats, () => lists = model.Recommend(userIds, k));
        return (new RetrievalTimingResult($"{model.Name}.Recommend", userIds.Length, itemCount, k, repeats, best, mean), lists!);
    }

    /// <summary>
    /// Mean share of each row of <paramref name="reference"/> that <paramref name="candidate"/> also holds (row r of
    /// one is user r of the other; indices of <paramref name="reference"/> are catalogue indices of
    /// <paramref name="items"/>). 1 means identical sets; for an approximate index against the exact lists it is recall@k.
    /// </summary>
    public static double Overlap(ExactTopKResult reference, Recommendations candidate, IdVocabulary items)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(items);
        if (reference.RowCount != candidate.Count)
        {
            throw new ArgumentException($"{reference.RowCount} reference rows but {candidate.Count} candidate rows.", nameof(candidate));
        }

        double sum = 0;
        var rows = 0;
        for (var r = 0; r < reference.RowCount; r++)
        {
            var expected = reference.ItemsAt(r);
            if (expected.Length == 0)
            {
                continue;
            }

            var found = new HashSet<int>(candidate.MovieIdsAt(r).ToArray());
            var shared = 0;
            foreach (var index in expected)
            {
                if (found.Contains(items.IdAt(index)))
                {
                    shared++;
                }
            }

            sum += (double)shared / expected.Length;
            rows++;
        }

        return rows == 0 ? 1 : sum / rows;
    }

    private static (double Best, double Mean) Time(int repeats, Action run)
    {
        run(); // warm-up: loads native code, JITs and fills caches so the timed runs measure the scan
        double best = double.PositiveInfinity, total = 0;
        for (var i = 0; i < repeats; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            run();
            var seconds = stopwatch.Elapsed.TotalSeconds;
            best = Math.Min(best, seconds);
            total += seconds;
        }

        return (best, total / repeats);
    }

    private static void RequirePositive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"{name} must be at least 1, not {value}.", name);
        }
    }
}

using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Splits;

namespace MovieRec.Tests.Evaluation;

/// <summary>
/// A seeded synthetic data set with a clear signal for evaluator tests: users belong to one of three taste
/// groups, each group rates mostly the movies of its own block (80%) and a few others, so item
/// co-occurrence beats a random ranking by a wide margin. Movies have one genre per block.
/// </summary>
internal static class EvaluationTestData
{
    public static (TrainingData Train, RatingsTable Test, RatingsTable All) Build(
        int users = 120, int moviesPerBlock = 20, int ratingsPerUser = 16, int seed = 7)
    {
        var random = new Random(seed);
        var userIds = new List<int>();
        var movieIds = new List<int>();
        var stars = new List<float>();
        var movieCount = 3 * moviesPerBlock;
        for (var u = 1; u <= users; u++)
        {
            var block = u % 3;
            var chosen = new HashSet<int>();
            while (chosen.Count < ratingsPerUser)
            {
                var inBlock = random.NextDouble() < 0.8;
                var movie = inBlock
                    ? (block * moviesPerBlock) + random.Next(moviesPerBlock)
                    : random.Next(movieCount);
                chosen.Add(movie + 1);
            }

            foreach (var movie in chosen.Order())
            {
                userIds.Add(u);
                movieIds.Add(movie);
                stars.Add(1 + random.Next(9) * 0.5f);
            }
        }

        var timestamps = Enumerable.Range(0, userIds.Count).Select(i => 1_000_000_000L + i).ToArray();
        var all = new RatingsTable(userIds.ToArray(), movieIds.ToArray(), stars.ToArray(), timestamps);
        var movies = Enumerable.Range(1, movieCount)
            .Select(m => new Movie(m, $"Movie {m} (2000)", 2000, [$"Genre{(m - 1) / moviesPerBlock}"]))
            .ToList();
        var split = StratifiedPerUserSplitter.Split(all, 0.25, 42);
        return (new TrainingData(split.Train, movies), split.Test, all);
    }
}

/// <summary>
/// A test recommender whose score for (user, movie) is a fixed function; Recommend goes through the shared
/// kernel (so exclusions are honoured) unless <see cref="IgnoreExclusions"/> is set, which makes it leak
/// training items. It records the options it was called with.
/// </summary>
internal sealed class FunctionRecommender(string name, Func<int, int, float> score) : IRecommender
{
    private TrainingData? _data;

    public string Name { get; } = name;

    public bool IgnoreExclusions { get; init; }

    /// <summary>Sleeps this long in Fit, so fit timing is measurably positive.</summary>
    public int FitDelayMilliseconds { get; init; }

    public List<RecommendOptions?> OptionsSeen { get; } = [];

    public int RecommendCalls;

    public void Fit(TrainingData data)
    {
        data.EnsureAtLeast(Name);
        if (FitDelayMilliseconds > 0)
        {
            Thread.Sleep(FitDelayMilliseconds);
        }

        _data = data;
    }

    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null)
    {
        var data = _data ?? throw new InvalidOperationException("Not fitted.");
        Interlocked.Increment(ref RecommendCalls);
        lock (OptionsSeen)
        {
            OptionsSeen.Add(options);
        }

        var effective = IgnoreExclusions ? new RecommendOptions { ExcludeSeen = false } : options;
        return RecommendationKernel.Recommend(data, userIds, k, effective, (userIndex, scores) =>
        {
            var userId = data.UserVocabulary.IdAt(userIndex);
            for (var j = 0; j < scores.Length; j++)
            {
                scores[j] = score(userId, data.ItemVocabulary.IdAt(j));
            }
        });
    }

    public float[] Score(int[] userIds, int[] movieIds) =>
        userIds.Select((u, i) => score(u, movieIds[i])).ToArray();

    public Recommendations SimilarItems(int[] movieIds, int k) => throw new NotSupportedException();

    public void Save(string directory) => throw new NotSupportedException();

    /// <summary>Deterministic pseudo-random scores (a hash of the pair).</summary>
    public static FunctionRecommender Random(string name = "Random") =>
        new(name, (u, m) => (float)(((uint)((u * 73856093) ^ (m * 19349663)) * 2654435761u) % 100_000) / 100_000f);
}

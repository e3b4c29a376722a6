using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Tests.Conformance;

/// <summary>
/// A deliberately simple model that exists only to prove the conformance base class (not a library
/// model): C[i, j] counts the users who rated both i and j (i ≠ j); a user's score for j is the sum of
/// C[i, j] over the movies i they rated; the similarity of j to i is C[i, j]. Dense n × n counts, so only
/// for small fixtures. Save stores the training ratings; Load refits (counting is deterministic).
/// </summary>
public sealed class ItemCooccurrenceReference : IRecommender
{
    private TrainingData? _data;
    private float[] _counts = [];

    public string Name => "ItemCooccurrenceReference";

    /// <summary>The ratings it was fitted on (what Save stores).</summary>
    public RatingsTable TrainingRatings => Fitted().Ratings;

    public void Fit(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.EnsureAtLeast(Name);
        var seen = data.SeenItems;
        var n = seen.ItemCount;
        var counts = new float[(long)n * n];
        for (var u = 0; u < seen.UserCount; u++)
        {
            var items = seen.ItemsOf(u);
            foreach (var i in items)
            {
                foreach (var j in items)
                {
                    if (i != j)
                    {
                        counts[(i * n) + j]++;
                    }
                }
            }
        }

        _counts = counts;
        _data = data;
    }

    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null)
    {
        var data = Fitted();
        var n = data.ItemVocabulary.Count;
        return RecommendationKernel.Recommend(data, userIds, k, options, (userIndex, scores) => ScoreUser(userIndex, scores, n));
    }

    public float[] Score(int[] userIds, int[] movieIds)
    {
        var data = Fitted();
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(movieIds);
        if (userIds.Length != movieIds.Length)
        {
            throw new ArgumentException($"{userIds.Length} user ids but {movieIds.Length} movie ids.", nameof(movieIds));
        }

        var n = data.ItemVocabulary.Count;
        var result = new float[userIds.Length];
        for (var p = 0; p < userIds.Length; p++)
        {
            if (!data.UserVocabulary.TryGetIndex(userIds[p], out var u) || !data.ItemVocabulary.TryGetIndex(movieIds[p], out var j))
            {
                result[p] = float.NaN;
                continue;
            }

            float sum = 0;
            foreach (var i in data.SeenItems.ItemsOf(u))
            {
                sum += _counts[(i * n) + j];
            }

            result[p] = sum;
        }

        return result;
    }

    public Recommendations SimilarItems(int[] movieIds, int k)
    {
        var data = Fitted();
        var n = data.ItemVocabulary.Count;
        return RecommendationKernel.SimilarItems(
            data.ItemVocabulary, movieIds, k, (itemIndex, scores) => _counts.AsSpan(itemIndex * n, n).CopyTo(scores));
    }

    public void Save(string directory)
    {
        var ratings = TrainingRatings;
        AtomicFile.Write(Path.Combine(directory, "ratings.bin"), stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(ratings.Count);
            for (var i = 0; i < ratings.Count; i++)
            {
                writer.Write(ratings.UserIds[i]);
                writer.Write(ratings.MovieIds[i]);
                writer.Write(ratings.Ratings[i]);
                writer.Write(ratings.Timestamps[i]);
            }
        });
        RecommenderStore.WriteManifest(directory, this);
    }

    public static ItemCooccurrenceReference Load(string directory)
    {
        using var reader = new BinaryReader(File.OpenRead(Path.Combine(directory, "ratings.bin")));
        var count = reader.ReadInt32();
        var users = new int[count];
        var movies = new int[count];
        var stars = new float[count];
        var times = new long[count];
        for (var i = 0; i < count; i++)
        {
            users[i] = reader.ReadInt32();
            movies[i] = reader.ReadInt32();
            stars[i] = reader.ReadSingle();
            times[i] = reader.ReadInt64();
        }

        var model = new ItemCooccurrenceReference();
        model.Fit(new TrainingData(new RatingsTable(users, movies, stars, times)));
        return model;
    }

    private void ScoreUser(int userIndex, Span<float> scores, int n)
    {
        scores.Clear();
        foreach (var i in _data!.SeenItems.ItemsOf(userIndex))
        {
            var row = _counts.AsSpan(i * n, n);
            for (var j = 0; j < n; j++)
            {
                scores[j] += row[j];
            }
        }
    }

    private TrainingData Fitted() =>
        _data ?? throw new InvalidOperationException($"{Name} is not fitted: call Fit or Load first.");
}

using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Models.Sequences;
using MovieRec.Training;

namespace MovieRec.Tests.Models.Sequences;

/// <summary>Small configurations and a strongly sequential data set for the transformer's tests.</summary>
internal static class SequentialFixtures
{
    /// <summary>Movies of the chain, in watching order: 101 → 102 → … → 112.</summary>
    public static readonly int[] Chain = Enumerable.Range(101, 12).ToArray();

    /// <summary>A small model that trains in a second or two on the fixtures (no dropout, no validation).</summary>
    public static TransformerRecommenderOptions TinyOptions(int epochs = 40, int seed = 5) => new()
    {
        SampledNegatives = 0,
        MaximumSequenceLength = 8,
        EmbeddingDimension = 16,
        NumberOfBlocks = 1,
        NumberOfHeads = 2,
        Dropout = 0,
        ValidateOnLastItem = false,
        Training = new TrainingOptions { Epochs = epochs, BatchSize = 4, LearningRate = 0.01, Seed = seed },
    };

    /// <summary>
    /// Every user watches 3, 4 or 5 consecutive movies of <see cref="Chain"/> (<see cref="HistoryOf"/>), one movie
    /// per day, so the next movie of a user is the one after their last (none for the user who reached the end). The two unseen neighbours of a history are its predecessor and its
    /// successor, which co-occur with it equally often: only the order tells them apart. The movie ids are
    /// deliberately rated in reverse id order within the file, so row order does not give the answer either.
    /// </summary>
    public static TrainingData ChainHistories(int users = 24)
    {
        var userIds = new List<int>();
        var movieIds = new List<int>();
        var timestamps = new List<long>();
        for (var user = 1; user <= users; user++)
        {
            var history = HistoryOf(user);
            for (var step = history.Length - 1; step >= 0; step--)
            {
                userIds.Add(user);
                movieIds.Add(history[step]);
                timestamps.Add(1_000_000_000L + (user * 1000L) + (step * 86_400L));
            }
        }

        var ratings = Enumerable.Repeat(4f, userIds.Count).ToArray();
        return new TrainingData(new RatingsTable(userIds.ToArray(), movieIds.ToArray(), ratings, timestamps.ToArray()));
    }

    /// <summary>The next movie of <paramref name="user"/> in <see cref="ChainHistories"/>, or null at the end of the chain.</summary>
    public static int? NextOf(int user)
    {
        var last = Array.IndexOf(Chain, HistoryOf(user)[^1]);
        return last + 1 < Chain.Length ? Chain[last + 1] : null;
    }

    /// <summary>The history of <paramref name="user"/> in <see cref="ChainHistories"/>, oldest first.</summary>
    /// <remarks>User u starts at chain position (u − 1) mod 8 and watches 3 + ((u − 1) / 8) mod 3 movies.</remarks>
    public static int[] HistoryOf(int user)
    {
        var start = (user - 1) % 8;
        return Chain[start..(start + 3 + (((user - 1) / 8) % 3))];
    }
}

using MovieRec.Data;
using MovieRec.Models.Sequences;

namespace MovieRec.Tests.Models.Sequences;

[Collection(TorchCollection.Name)]
public sealed class UserSequencesTests
{
    /// <summary>
    /// User 7: movie 30 at t=5, 10 at t=9, 20 at t=5 (a tie with 30: the lower id 20 first), 40 at t=1.
    /// User 8: movie 10 at t=3, 20 at t=1, then 10 again at t=4 (only the latest position of 10 counts).
    /// Vocabulary: 10→0, 20→1, 30→2, 40→3.
    /// </summary>
    private static UserSequences Build()
    {
        var ratings = new RatingsTable(
            [7, 8, 7, 7, 8, 7, 8],
            [30, 10, 10, 20, 20, 40, 10],
            [4f, 4f, 4f, 4f, 4f, 4f, 4f],
            [5L, 3L, 9L, 5L, 1L, 1L, 4L]);
        return UserSequences.Build(ratings, IdVocabulary.FromIds(ratings.UserIds), IdVocabulary.FromIds(ratings.MovieIds));
    }

    [Fact]
    public void OrdersByTimestampThenMovieIdAndKeepsTheLatestOfARepeatedMovie()
    {
        var sequences = Build();

        Assert.Equal([3, 1, 2, 0], sequences.Of(0).ToArray());
        Assert.Equal([1, 0], sequences.Of(1).ToArray());
    }

    [Fact]
    public void WithoutLastHoldsOutTheLatestMovieOfLongEnoughHistories()
    {
        var (prefixes, heldOut) = Build().WithoutLast(minimumLength: 3);

        Assert.Equal([3, 1, 2], prefixes.Of(0).ToArray());
        Assert.Equal([1, 0], prefixes.Of(1).ToArray());
        Assert.Equal([0, -1], heldOut);
    }

    [Fact]
    public void TrainingWindowsCutFromTheEndOverlapByOneAndPadOnTheLeft()
    {
        // User 7 (4 movies, window length 2 → 3 slots): [1:2 0 1] → items (+1) 2,3,1 from [40,20,30,10] = 4,2,3,1.
        using var windows = Build().TrainingWindows(length: 2);

        var rows = windows.data<long>().ToArray().Chunk(3).Select(r => r.ToArray()).ToArray();

        Assert.Equal(3, rows.Length);
        Assert.Equal([2L, 3L, 1L], rows[0]); // 20, 30, 10 (the last three of user 7)
        Assert.Equal([0L, 4L, 2L], rows[1]); // padding, 40, 20 (20 is the overlap)
        Assert.Equal([0L, 2L, 1L], rows[2]); // user 8: padding, 20, 10
    }

    [Fact]
    public void TailsKeepTheLatestMoviesLeftPadded()
    {
        using var tails = Build().Tails([0, 1], length: 3);

        Assert.Equal([2L, 3L, 1L, 0L, 2L, 1L], tails.data<long>().ToArray());
    }
}

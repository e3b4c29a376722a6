using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Tests.Conformance;

/// <summary>
/// A data set with a known answer. Two user groups each like one block of movies: group A (users 1..)
/// rates block A (movies 101..), group B (users 1001..) rates block B (movies 2001..). Every user has
/// exactly one movie of their own block held out (user number p holds out block item p mod block size),
/// so after excluding seen movies the held-out one is the only unseen movie of the user's block and any
/// collaborative model must rank it first. Group A is larger, so block A is also more popular (a popularity
/// model gets group A right and group B wrong). Block A movies are "Comedy", block B "Drama".
/// </summary>
public sealed class CheckerboardFixture
{
    private CheckerboardFixture(TrainingData train, IReadOnlyDictionary<int, int> heldOut, IReadOnlyDictionary<int, char> blockOfMovie)
    {
        Train = train;
        HeldOut = heldOut;
        BlockOfMovie = blockOfMovie;
    }

    /// <summary>Training ratings (held-out movies removed) with the movies' genres.</summary>
    public TrainingData Train { get; }

    /// <summary>Each user's held-out movie.</summary>
    public IReadOnlyDictionary<int, int> HeldOut { get; }

    /// <summary>'A' or 'B' for every movie.</summary>
    public IReadOnlyDictionary<int, char> BlockOfMovie { get; }

    /// <summary>All users, ascending.</summary>
    public int[] UserIds => HeldOut.Keys.Order().ToArray();

    /// <summary>All movies (the catalogue), ascending.</summary>
    public int[] MovieIds => BlockOfMovie.Keys.Order().ToArray();

    /// <summary>A user id that is not in the training data.</summary>
    public const int UnknownUserId = 999_999;

    /// <summary>A movie id that is not in the training data.</summary>
    public const int UnknownMovieId = 888_888;

    /// <summary>
    /// Builds the fixture. Larger values suit models that need more data (neural models); the defaults are
    /// hand-checkable (14 users, 10 movies, 56 ratings). Ratings are 4 or 5 stars in a fixed pattern.
    /// </summary>
    public static CheckerboardFixture Build(int groupAUsers = 8, int groupBUsers = 6, int itemsPerBlock = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemsPerBlock, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(groupAUsers, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(groupBUsers, 2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(groupAUsers, groupBUsers);
        var users = new List<int>();
        var movies = new List<int>();
        var ratings = new List<float>();
        var heldOut = new Dictionary<int, int>();
        var blocks = new Dictionary<int, char>();
        var catalogue = new List<Movie>();
        long time = 1_000_000_000;

        void AddGroup(char block, int firstUser, int userCount, int firstMovie, string genre)
        {
            for (var j = 0; j < itemsPerBlock; j++)
            {
                blocks[firstMovie + j] = block;
                catalogue.Add(new Movie(firstMovie + j, $"{genre} {j + 1} (2000)", 2000, [genre]));
            }

            for (var p = 0; p < userCount; p++)
            {
                var user = firstUser + p;
                heldOut[user] = firstMovie + (p % itemsPerBlock);
                for (var j = 0; j < itemsPerBlock; j++)
                {
                    if (j != p % itemsPerBlock)
                    {
                        users.Add(user);
                        movies.Add(firstMovie + j);
                        ratings.Add((p + j) % 2 == 0 ? 5f : 4f);
                    }
                }
            }
        }

        AddGroup('A', 1, groupAUsers, 101, "Comedy");
        AddGroup('B', 1001, groupBUsers, 2001, "Drama");
        var timestamps = new long[users.Count];
        for (var i = 0; i < timestamps.Length; i++)
        {
            timestamps[i] = time + i;
        }

        var table = new RatingsTable(users.ToArray(), movies.ToArray(), ratings.ToArray(), timestamps);
        return new CheckerboardFixture(new TrainingData(table, catalogue), heldOut, blocks);
    }
}

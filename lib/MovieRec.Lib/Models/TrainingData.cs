using MovieRec.Data;

namespace MovieRec.Models;

/// <summary>
/// What <see cref="IRecommender.Fit"/> learns from: the training ratings plus, optionally, the movie
/// metadata (genres, titles) that content-aware models (two-tower, diversity re-ranking) need.
/// The vocabularies and the seen-items structure are built once on first use and shared by every model
/// fitted on the same instance, so comparing ten models on one split indexes the data once.
/// </summary>
public sealed class TrainingData
{
    private readonly Lazy<IdVocabulary> _users;
    private readonly Lazy<IdVocabulary> _items;
    private readonly Lazy<SeenItems> _seen;

    /// <param name="ratings">Training ratings (raw MovieLens ids).</param>
    /// <param name="movies">Movie metadata, or null when the models need none. Movies without ratings are
    /// allowed (they are not in the catalogue of collaborative models).</param>
    public TrainingData(RatingsTable ratings, IReadOnlyList<Movie>? movies = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        Ratings = ratings;
        Movies = movies;
        _users = new Lazy<IdVocabulary>(() => IdVocabulary.FromIds(ratings.UserIds));
        _items = new Lazy<IdVocabulary>(() => IdVocabulary.FromIds(ratings.MovieIds));
        _seen = new Lazy<SeenItems>(() => SeenItems.Build(ratings, UserVocabulary, ItemVocabulary));
    }

    /// <summary>The training ratings.</summary>
    public RatingsTable Ratings { get; }

    /// <summary>Movie metadata, or null.</summary>
    public IReadOnlyList<Movie>? Movies { get; }

    /// <summary>Users of the training ratings, ascending raw id → index.</summary>
    public IdVocabulary UserVocabulary => _users.Value;

    /// <summary>Movies of the training ratings (the catalogue), ascending raw id → index.</summary>
    public IdVocabulary ItemVocabulary => _items.Value;

    /// <summary>Each user's training movies as item indices (CSR), built on first use.</summary>
    public SeenItems SeenItems => _seen.Value;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> (parameter "data") naming the model when the training set has
    /// fewer users, movies or ratings than the model needs. Models call this first thing in Fit.
    /// </summary>
    public void EnsureAtLeast(string modelName, int users = 1, int movies = 1, int ratings = 1)
    {
        if (Ratings.Count < Math.Max(1, ratings))
        {
            throw new ArgumentException(
                $"{modelName} needs at least {Math.Max(1, ratings)} training rating(s); the training set has {Ratings.Count}.",
                "data");
        }

        if (UserVocabulary.Count < users || ItemVocabulary.Count < movies)
        {
            throw new ArgumentException(
                $"{modelName} needs at least {users} user(s) and {movies} movie(s) in training; the training set has " +
                $"{UserVocabulary.Count} user(s) and {ItemVocabulary.Count} movie(s).",
                "data");
        }
    }
}

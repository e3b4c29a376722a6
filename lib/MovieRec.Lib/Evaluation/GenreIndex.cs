using System.Numerics;
using MovieRec.Data;

namespace MovieRec.Evaluation;

/// <summary>
/// Each movie's genres as a 64-bit set, so the Jaccard similarity of two movies is two popcounts.
/// MovieLens has 18–20 genres; more than 64 distinct genres is refused.
/// </summary>
public sealed class GenreIndex
{
    private readonly Dictionary<int, ulong> _masks;

    private GenreIndex(Dictionary<int, ulong> masks, IReadOnlyList<string> genres)
    {
        _masks = masks;
        Genres = genres;
    }

    /// <summary>Distinct genre names in bit order.</summary>
    public IReadOnlyList<string> Genres { get; }

    /// <summary>Number of movies indexed.</summary>
    public int Count => _masks.Count;

    /// <summary>The genre set of a movie, or false when the movie is not indexed.</summary>
    public bool TryGetGenres(int movieId, out ulong genres) => _masks.TryGetValue(movieId, out genres);

    /// <summary>
    /// Jaccard similarity |A ∩ B| / |A ∪ B| of two genre sets; two empty sets count as identical (1),
    /// an empty and a non-empty set as disjoint (0).
    /// </summary>
    public static double Jaccard(ulong a, ulong b)
    {
        var union = BitOperations.PopCount(a | b);
        return union == 0 ? 1.0 : (double)BitOperations.PopCount(a & b) / union;
    }

    /// <summary>Indexes the genres of every movie (genre names compared case-sensitively).</summary>
    /// <exception cref="ArgumentException">A movie id appears twice or there are more than 64 genres.</exception>
    public static GenreIndex FromMovies(IEnumerable<Movie> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        var bitByGenre = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var masks = new Dictionary<int, ulong>();
        foreach (var movie in movies)
        {
            ulong mask = 0;
            foreach (var genre in movie.Genres)
            {
                if (!bitByGenre.TryGetValue(genre, out var bit))
                {
                    if (names.Count == 64)
                    {
                        throw new ArgumentException("More than 64 distinct genres; GenreIndex holds at most 64.", nameof(movies));
                    }

                    bit = names.Count;
                    bitByGenre[genre] = bit;
                    names.Add(genre);
                }

                mask |= 1UL << bit;
            }

            if (!masks.TryAdd(movie.MovieId, mask))
            {
                throw new ArgumentException($"Movie {movie.MovieId} appears twice.", nameof(movies));
            }
        }

        return new GenreIndex(masks, names);
    }
}

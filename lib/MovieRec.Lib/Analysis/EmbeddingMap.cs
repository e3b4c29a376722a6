using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Analysis;

/// <summary>One movie on a 2-D map of item embeddings.</summary>
/// <param name="MovieId">The MovieLens id.</param>
/// <param name="Title">Title, or "(movie N, not in the movie list)".</param>
/// <param name="MainGenre">The movie's main genre (<see cref="MainGenres"/>).</param>
/// <param name="Ratings">Training ratings of the movie (how it was chosen).</param>
/// <param name="X">Coordinate along the first principal component.</param>
/// <param name="Y">Coordinate along the second principal component.</param>
public sealed record EmbeddingPoint(int MovieId, string Title, string MainGenre, int Ratings, double X, double Y);

/// <summary>A 2-D projection of movie embeddings: the points and the PCA behind them.</summary>
/// <param name="Points">One point per movie, most rated first.</param>
/// <param name="Projection">The principal component analysis (explained variance per axis).</param>
public sealed record EmbeddingMap(IReadOnlyList<EmbeddingPoint> Points, PcaResult Projection)
{
    /// <summary>Share of the embeddings' variance the two axes show, e.g. 0.31.</summary>
    public double ExplainedVarianceRatio => Projection.ExplainedVarianceRatio.Sum();

    /// <summary>Distinct main genres on the map with how many points carry each, most common first.</summary>
    public IReadOnlyList<(string Genre, int Movies)> Genres() =>
        Points.GroupBy(p => p.MainGenre, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(g => g.Item2)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToArray();
}

/// <summary>
/// Projects the embeddings of a model's most-rated movies to two dimensions with <see cref="PrincipalComponents"/>,
/// labelled with title and main genre, ready for a scatter chart. The most-rated movies are the ones a reader knows
/// and the ones whose vectors the model learned from most data; the long tail would only add noise to the picture.
/// </summary>
public static class EmbeddingMaps
{
    /// <summary>The map of the <paramref name="count"/> most-rated training movies.</summary>
    /// <param name="itemVectors">Item embeddings in catalogue order (<see cref="TrainingData.ItemVocabulary"/>), row-major.</param>
    /// <param name="dimension">Embedding size.</param>
    /// <param name="train">The data the model was fitted on: its catalogue and rating counts.</param>
    /// <param name="movies">Titles and genres.</param>
    /// <param name="count">Movies to place, at least 2 (fewer when the catalogue is smaller). Ties in rating count: smaller id first.</param>
    /// <exception cref="ArgumentException">The vectors do not match the catalogue, or <paramref name="count"/> is below 2.</exception>
    public static EmbeddingMap MostRated(float[] itemVectors, int dimension, TrainingData train, IReadOnlyList<Movie> movies, int count = 1000)
    {
        ArgumentNullException.ThrowIfNull(itemVectors);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(movies);
        if (dimension < 1)
        {
            throw new ArgumentException($"dimension must be at least 1, not {dimension}.", nameof(dimension));
        }

        if (count < 2)
        {
            throw new ArgumentException($"count must be at least 2 (a projection needs two points), not {count}.", nameof(count));
        }

        var catalogue = train.ItemVocabulary;
        if (itemVectors.Length != (long)catalogue.Count * dimension)
        {
            throw new ArgumentException(
                $"Expected {catalogue.Count} catalogue items × {dimension} = {(long)catalogue.Count * dimension} values, got {itemVectors.Length}.",
                nameof(itemVectors));
        }

        var ratingCounts = new int[catalogue.Count];
        foreach (var movieId in train.Ratings.MovieIds)
        {
            ratingCounts[catalogue.IndexOf(movieId)]++;
        }

        var chosen = Enumerable.Range(0, catalogue.Count)
            .OrderByDescending(i => ratingCounts[i])
            .ThenBy(catalogue.IdAt)
            .Take(count)
            .ToArray();
        if (chosen.Length < 2)
        {
            throw new ArgumentException($"The catalogue has {chosen.Length} movie(s); a projection needs two.", nameof(train));
        }

        var selected = new float[chosen.Length * dimension];
        for (var r = 0; r < chosen.Length; r++)
        {
            itemVectors.AsSpan(chosen[r] * dimension, dimension).CopyTo(selected.AsSpan(r * dimension, dimension));
        }

        var projection = PrincipalComponents.Fit(selected, dimension, componentCount: Math.Min(2, dimension));
        var x = projection.Coordinate(0);
        var y = projection.ComponentCount > 1 ? projection.Coordinate(1) : new double[chosen.Length];
        var lookup = new MovieLookup(movies);
        var mainGenres = MainGenres.Of(movies);
        var points = new EmbeddingPoint[chosen.Length];
        for (var r = 0; r < chosen.Length; r++)
        {
            var movieId = catalogue.IdAt(chosen[r]);
            points[r] = new EmbeddingPoint(
                movieId,
                lookup.Title(movieId),
                mainGenres.GetValueOrDefault(movieId, MainGenres.NoGenre),
                ratingCounts[chosen[r]],
                x[r],
                y[r]);
        }

        return new EmbeddingMap(points, projection);
    }
}

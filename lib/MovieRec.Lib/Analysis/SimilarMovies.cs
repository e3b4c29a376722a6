using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Analysis;

/// <summary>One neighbour of a query movie.</summary>
/// <param name="Query">Title of the query movie.</param>
/// <param name="Rank">1-based rank of the neighbour; 0 on the single row of a query the model does not know.</param>
/// <param name="Similar">Title of the neighbour, or <see cref="SimilarMovies.NotInCatalogue"/>.</param>
/// <param name="Genres">The neighbour's genres joined with "|".</param>
/// <param name="Similarity">The model's similarity score (cosine for embedding models); NaN without a neighbour.</param>
public sealed record SimilarMovieRow(string Query, int Rank, string Similar, string Genres, double Similarity);

/// <summary>The movies a model finds most similar to a few titles (<see cref="IRecommender.SimilarItems"/>), with titles.</summary>
public static class SimilarMovies
{
    /// <summary>What the row of a query movie outside the model's training catalogue says.</summary>
    public const string NotInCatalogue = "(not in the model's catalogue: no ratings in training)";

    /// <summary>
    /// Splits a parameter string such as "Toy Story (1995); Matrix, The (1999)" at ';' into trimmed titles
    /// (titles contain commas, so ',' cannot separate them).
    /// </summary>
    public static string[] ParseTitles(string titles) => MovieTitles.Parse(titles);

    /// <summary>
    /// <paramref name="k"/> rows per title: its nearest movies by the model, best first. A title the model has no
    /// vector for gets one row saying so (<see cref="NotInCatalogue"/>) rather than vanishing from the table.
    /// </summary>
    /// <param name="model">A fitted recommender.</param>
    /// <param name="movies">The movie list the titles are looked up in (exact, case-sensitive match).</param>
    /// <param name="titles">Query titles as in movies.csv, e.g. "Matrix, The (1999)".</param>
    /// <param name="k">Neighbours per title, at least 1.</param>
    /// <exception cref="ArgumentException">A title is not in the movie list (the message suggests close titles), or <paramref name="k"/> is below 1.</exception>
    public static IReadOnlyList<SimilarMovieRow> ForTitles(IRecommender model, IReadOnlyList<Movie> movies, IReadOnlyList<string> titles, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(titles);
        if (k < 1)
        {
            throw new ArgumentException($"k must be at least 1, not {k}.", nameof(k));
        }

        var queries = MovieTitles.Resolve(movies, titles, nameof(titles));
        var lookup = new MovieLookup(movies);
        var neighbours = model.SimilarItems(queries, k);
        var rows = new List<SimilarMovieRow>(titles.Count * k);
        for (var q = 0; q < queries.Length; q++)
        {
            var ids = neighbours.MovieIdsAt(q);
            var scores = neighbours.ScoresAt(q);
            if (ids.Length == 0)
            {
                rows.Add(new SimilarMovieRow(titles[q], 0, NotInCatalogue, string.Empty, double.NaN));
                continue;
            }

            for (var r = 0; r < ids.Length; r++)
            {
                rows.Add(new SimilarMovieRow(
                    titles[q],
                    r + 1,
                    lookup.Title(ids[r]),
                    lookup.Genres(ids[r]),
                    scores[r]));
            }
        }

        return rows;
    }
}

using System.Globalization;
using MovieRec.Data;
using MovieRec.Models.TwoTower;

namespace MovieRec.Analysis;

/// <summary>One recommendation for a new user: rank, title, genres and the model's score.</summary>
public sealed record ColdStartRow(int Rank, string Title, string Genres, double Score);

/// <summary>
/// Recommendations for a user who is not in training, described by a few rated titles — notebook 02's cold-start
/// section. The titles and ratings come from one parameter string so a reader can try their own taste.
/// </summary>
public static class ColdStartShowcase
{
    /// <summary>
    /// Parses "Toy Story (1995)=5; Finding Nemo (2003)=4.5" into (title, rating) pairs: entries separated by ';',
    /// the rating after the last '=' (titles may contain '=' but not ';'), invariant culture.
    /// </summary>
    /// <exception cref="ArgumentException">An entry without '=', or a rating that is not a number in [0.5, 5].</exception>
    public static IReadOnlyList<(string Title, float Rating)> ParseRatedTitles(string ratedTitles)
    {
        ArgumentNullException.ThrowIfNull(ratedTitles);
        var pairs = new List<(string, float)>();
        foreach (var entry in MovieTitles.Parse(ratedTitles))
        {
            var equals = entry.LastIndexOf('=');
            if (equals <= 0)
            {
                throw new ArgumentException($"\"{entry}\" has no rating: write it as \"Title (year)=4.5\".", nameof(ratedTitles));
            }

            var text = entry[(equals + 1)..].Trim();
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rating) || !(rating >= 0.5f && rating <= 5f))
            {
                throw new ArgumentException($"\"{entry}\": the rating \"{text}\" is not a number from 0.5 to 5.", nameof(ratedTitles));
            }

            pairs.Add((entry[..equals].Trim(), rating));
        }

        return pairs;
    }

    /// <summary>
    /// The <paramref name="k"/> movies <paramref name="model"/> recommends to a new user who rated
    /// <paramref name="ratedTitles"/> (see <see cref="ParseRatedTitles"/>), excluding the rated movies.
    /// </summary>
    /// <exception cref="ArgumentException">Unparseable entries, unknown titles (close titles are suggested), or movies outside the model's training catalogue (named by the model).</exception>
    public static IReadOnlyList<ColdStartRow> ForRatedTitles(TwoTowerRecommender model, IReadOnlyList<Movie> movies, string ratedTitles, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(movies);
        var pairs = ParseRatedTitles(ratedTitles);
        var ids = MovieTitles.Resolve(movies, pairs.Select(p => p.Title).ToArray(), nameof(ratedTitles));
        var recommendations = model.RecommendFromRatings(ids.Select((id, i) => (id, pairs[i].Rating)).ToArray(), k);
        var lookup = new MovieLookup(movies);
        var found = recommendations.MovieIdsAt(0);
        var scores = recommendations.ScoresAt(0);
        var rows = new List<ColdStartRow>(found.Length);
        for (var r = 0; r < found.Length; r++)
        {
            rows.Add(new ColdStartRow(r + 1, lookup.Title(found[r]), lookup.Genres(found[r]), scores[r]));
        }

        return rows;
    }
}

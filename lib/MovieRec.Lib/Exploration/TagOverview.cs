using MovieRec.Data;

namespace MovieRec.Exploration;

/// <summary>One tag, with how often it was applied.</summary>
/// <param name="Tag">The tag, trimmed and lower-cased (so "Funny" and "funny " are one tag).</param>
/// <param name="Count">Times it was applied.</param>
/// <param name="Movies">Distinct movies it was applied to.</param>
/// <param name="Users">Distinct users who applied it.</param>
public sealed record TagCount(string Tag, int Count, int Movies, int Users);

/// <summary>
/// What the free-text tags hold: few users tag, and those who do tag a lot, so tags describe a minority of
/// movies — a possible content feature, but a sparse one, unlike genres which every movie has.
/// Tags are compared trimmed and lower-cased (invariant culture).
/// </summary>
/// <param name="Tags">Tag applications (rows of tags.csv).</param>
/// <param name="DistinctTags">Distinct tags after trimming and lower-casing.</param>
/// <param name="TaggedMovies">Distinct movies with at least one tag.</param>
/// <param name="TaggingUsers">Distinct users who wrote at least one tag.</param>
/// <param name="RatingUsers">Distinct users in the ratings, for comparison.</param>
/// <param name="RatedMovies">Distinct movies in the ratings, for comparison.</param>
/// <param name="TaggedMoviesWithoutRatings">Tagged movies nobody rated.</param>
/// <param name="MostFrequent">The most applied tags, most first (ties: by tag).</param>
public sealed record TagOverview(
    int Tags,
    int DistinctTags,
    int TaggedMovies,
    int TaggingUsers,
    int RatingUsers,
    int RatedMovies,
    int TaggedMoviesWithoutRatings,
    IReadOnlyList<TagCount> MostFrequent)
{
    /// <summary>Tag overview of a loaded data set.</summary>
    public static TagOverview Of(MovieLensDataset dataset, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Of(dataset.Tags, dataset.Ratings, top);
    }

    /// <summary>Tag overview of <paramref name="tags"/>, compared with <paramref name="ratings"/>; lists the <paramref name="top"/> most applied tags.</summary>
    public static TagOverview Of(IReadOnlyList<Tag> tags, RatingsTable ratings, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(ratings);
        if (top < 1)
        {
            throw new ArgumentException($"top must be at least 1, not {top}.", nameof(top));
        }

        var byTag = new Dictionary<string, (int Count, HashSet<int> Movies, HashSet<int> Users)>(StringComparer.Ordinal);
        var taggedMovies = new HashSet<int>();
        var taggingUsers = new HashSet<int>();
        foreach (var tag in tags)
        {
            var key = tag.Text.Trim().ToLowerInvariant();
            if (!byTag.TryGetValue(key, out var totals))
            {
                totals = (0, [], []);
            }

            totals.Movies.Add(tag.MovieId);
            totals.Users.Add(tag.UserId);
            byTag[key] = (totals.Count + 1, totals.Movies, totals.Users);
            taggedMovies.Add(tag.MovieId);
            taggingUsers.Add(tag.UserId);
        }

        var ratedMovies = new HashSet<int>(ratings.MovieIds);
        var mostFrequent = byTag
            .Select(p => new TagCount(p.Key, p.Value.Count, p.Value.Movies.Count, p.Value.Users.Count))
            .OrderByDescending(t => t.Count)
            .ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(top)
            .ToArray();
        return new TagOverview(
            tags.Count,
            byTag.Count,
            taggedMovies.Count,
            taggingUsers.Count,
            new HashSet<int>(ratings.UserIds).Count,
            ratedMovies.Count,
            taggedMovies.Count(m => !ratedMovies.Contains(m)),
            mostFrequent);
    }

    /// <summary>Tagging users relative to rating users (tagging users / rating users; 0 when nobody rated).</summary>
    public double TaggingUserShare => RatingUsers == 0 ? 0 : (double)TaggingUsers / RatingUsers;

    /// <summary>Tagged movies / rated movies (0 when nothing was rated).</summary>
    public double TaggedMovieShare => RatedMovies == 0 ? 0 : (double)TaggedMovies / RatedMovies;

    /// <summary>The headline numbers as (name, value) rows for a two-column table.</summary>
    public IReadOnlyList<(string Name, string Value)> ToRows() =>
    [
        ("tag applications", $"{Tags:N0}"),
        ("distinct tags (trimmed, lower-cased)", $"{DistinctTags:N0}"),
        ("users who tag", $"{TaggingUsers:N0} of {RatingUsers:N0} ({TaggingUserShare:P1})"),
        ("tagged movies", $"{TaggedMovies:N0} ({TaggedMovieShare:P1} of the {RatedMovies:N0} rated movies)"),
        ("tagged movies nobody rated", $"{TaggedMoviesWithoutRatings:N0}"),
        ("tags per tagging user (mean)", TaggingUsers == 0 ? "-" : $"{(double)Tags / TaggingUsers:0.#}"),
    ];
}

namespace MovieRec.Models;

/// <summary>What <see cref="IRecommender.Recommend"/> must leave out. Defaults: exclude seen items, nothing else.</summary>
public sealed record RecommendOptions
{
    /// <summary>The defaults: seen items excluded, no extra exclusions.</summary>
    public static RecommendOptions Default { get; } = new();

    /// <summary>Leave out the movies each user rated in the training data. Default true.</summary>
    public bool ExcludeSeen { get; init; } = true;

    /// <summary>
    /// Extra movies to leave out per user (raw user id → raw movie ids), e.g. a validation set. Users not in
    /// the dictionary get no extra exclusions; unknown movie ids are ignored. Default null (none).
    /// </summary>
    public IReadOnlyDictionary<int, int[]>? ExcludeItemsByUser { get; init; }

    /// <summary>Movies left out for every user (raw ids; unknown ids ignored). Default null (none).</summary>
    public IReadOnlyCollection<int>? ExcludeItemsForAllUsers { get; init; }
}

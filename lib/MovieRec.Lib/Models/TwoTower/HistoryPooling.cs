namespace MovieRec.Models.TwoTower;

/// <summary>How the user tower pools the id embeddings of a user's history items.</summary>
public enum HistoryPooling
{
    /// <summary>The (rating-weighted) mean: a user's vector does not grow with the number of movies rated.</summary>
    Mean,

    /// <summary>
    /// The (rating-weighted) sum: the pooled vector is X·W for the user's binary (or weighted) row X, as in EASE's
    /// X·B, so a linear student can reproduce scores that grow with the history (used by
    /// <see cref="TwoTowerOptions.EaseDistilled"/>). The genre profile stays a mean (it is a genre distribution).
    /// </summary>
    Sum,
}

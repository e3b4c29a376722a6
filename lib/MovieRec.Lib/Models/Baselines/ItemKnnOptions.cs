namespace MovieRec.Models.Baselines;

/// <summary>Settings of <see cref="ItemKnn"/>.</summary>
public sealed record ItemKnnOptions
{
    /// <summary>The defaults.</summary>
    public static ItemKnnOptions Default { get; } = new();

    /// <summary>
    /// Neighbours kept per movie: a movie is scored only from the user's movies among its k most similar.
    /// Default 100: tuned on a validation split carved from the training data of the standard protocol
    /// (docs/baselines.md).
    /// </summary>
    public int NeighbourhoodSize { get; init; } = 100;

    /// <summary>
    /// Shrinkage s in sim(i, j) = x_i·x_j / (‖x_i‖‖x_j‖ + s): damps similarities resting on few common users.
    /// 0 is plain cosine. Default 10 (tuned with <see cref="NeighbourhoodSize"/>).
    /// </summary>
    public double Shrinkage { get; init; } = 10;

    /// <summary>
    /// Compute similarities on the star ratings (true) or on the binary "rated" matrix (false). Scoring sums
    /// similarities either way. Default false: for top-N ranking whether a user watched a movie matters more
    /// than the stars.
    /// </summary>
    public bool UseRatings { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the invalid setting.</summary>
    public void Validate()
    {
        if (NeighbourhoodSize < 1)
        {
            throw new ArgumentException($"NeighbourhoodSize must be at least 1, not {NeighbourhoodSize}.", nameof(NeighbourhoodSize));
        }

        if (!double.IsFinite(Shrinkage) || Shrinkage < 0)
        {
            throw new ArgumentException($"Shrinkage must be finite and ≥ 0, not {Shrinkage}.", nameof(Shrinkage));
        }
    }
}

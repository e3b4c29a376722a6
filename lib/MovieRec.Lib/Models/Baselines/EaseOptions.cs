namespace MovieRec.Models.Baselines;

/// <summary>Settings of <see cref="Ease"/>.</summary>
public sealed record EaseOptions
{
    /// <summary>The defaults.</summary>
    public static EaseOptions Default { get; } = new();

    /// <summary>
    /// L2 penalty λ added to the diagonal of XᵀX. Larger values shrink the item–item weights towards zero,
    /// which makes the weights of rarely co-rated movies less noisy. Default 300: best of 50–2,500 on a
    /// validation split carved from the training data of the standard protocol (docs/baselines.md; 200–400
    /// are within 0.001 NDCG@10); Steck (2019) uses hundreds to thousands depending on the data set's size.
    /// </summary>
    public double Lambda { get; init; } = 300;

    /// <summary>
    /// Invert in float64 (true) or float32 (false). Float64 costs about twice the time and memory of the
    /// inversion; float32 changes the weights by ~1e-6 relative, enough to swap near-tied items. Default true.
    /// </summary>
    public bool UseDoublePrecision { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the invalid setting.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Lambda) || Lambda <= 0)
        {
            throw new ArgumentException($"Lambda must be finite and > 0 (XᵀX alone can be singular), not {Lambda}.", nameof(Lambda));
        }
    }
}

namespace MovieRec.Models.Baselines;

/// <summary>
/// Settings of <see cref="BiasBaseline"/>. The defaults are those of Surprise's <c>BaselineOnly</c> with
/// alternating least squares (Koren 2008, "Factorization meets the neighborhood", section 2.1), which reach RMSE ≈ 0.87 on ml-latest-small.
/// </summary>
public sealed record BiasBaselineOptions
{
    /// <summary>The defaults.</summary>
    public static BiasBaselineOptions Default { get; } = new();

    /// <summary>
    /// Ridge penalty λ_u on each user bias, in "pseudo-ratings": a user with n ratings has their bias shrunk
    /// by n / (n + λ_u). Default 15 (Surprise's reg_u).
    /// </summary>
    public double UserRegularization { get; init; } = 15;

    /// <summary>Ridge penalty λ_i on each item bias, as for users. Default 10 (Surprise's reg_i).</summary>
    public double ItemRegularization { get; init; } = 10;

    /// <summary>
    /// Alternating sweeps (item biases, then user biases). Default 10 (Surprise's n_epochs); the biases change
    /// by less than 1e-4 after about 5 on MovieLens.
    /// </summary>
    public int NumberOfIterations { get; init; } = 10;

    /// <summary>
    /// Clip <see cref="BiasBaseline.PredictRatings"/> to the training rating range (as Surprise does). Scores
    /// used for ranking are never clipped, because clipping would create ties at the top. Default true.
    /// </summary>
    public bool ClipPredictions { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the invalid setting.</summary>
    public void Validate()
    {
        if (!double.IsFinite(UserRegularization) || UserRegularization < 0)
        {
            throw new ArgumentException($"UserRegularization must be finite and ≥ 0, not {UserRegularization}.", nameof(UserRegularization));
        }

        if (!double.IsFinite(ItemRegularization) || ItemRegularization < 0)
        {
            throw new ArgumentException($"ItemRegularization must be finite and ≥ 0, not {ItemRegularization}.", nameof(ItemRegularization));
        }

        if (NumberOfIterations < 1)
        {
            throw new ArgumentException($"NumberOfIterations must be at least 1, not {NumberOfIterations}.", nameof(NumberOfIterations));
        }
    }
}

namespace MovieRec.Models.Baselines;

/// <summary>
/// Settings of <see cref="ImplicitAls"/>. Names follow the Python <c>implicit</c> library
/// (<c>factors</c>, <c>regularization</c>, <c>alpha</c>, <c>iterations</c>, <c>cg_steps</c>); the defaults
/// are the values tuned on a validation split carved from the ml-latest-small training set (see
/// docs/benchmarks-recommend.md), except where noted.
/// </summary>
public sealed record ImplicitAlsOptions
{
    /// <summary>The defaults.</summary>
    public static ImplicitAlsOptions Default { get; } = new();

    /// <summary>Latent dimension. Default 128 (tuned; implicit: 100).</summary>
    public int Factors { get; init; } = 128;

    /// <summary>
    /// L2 weight λ added to the diagonal of every least-squares system. Default 100 (tuned; implicit: 0.01,
    /// which over-fits ml-latest-small badly: validation NDCG@10 0.15 against 0.22).
    /// </summary>
    public float Regularization { get; init; } = 100f;

    /// <summary>
    /// Confidence scaling: an observed (user, movie) pair has confidence c = 1 + Alpha·r (Hu, Koren &amp;
    /// Volinsky), unobserved pairs c = 1. Default 20 (tuned; implicit: 1). Note implicit itself uses
    /// c = Alpha·r, so its alpha = a corresponds to about a − 1 here.
    /// </summary>
    public float Alpha { get; init; } = 20f;

    /// <summary>Alternating sweeps (users, then items). Default 10 (tuned; implicit: 15, which scored the same within 0.001).</summary>
    public int Iterations { get; init; } = 10;

    /// <summary>Conjugate-gradient steps per row and sweep, warm-started from the previous factors. Default 3 (as implicit).</summary>
    public int ConjugateGradientSteps { get; init; } = 3;

    /// <summary>
    /// When true r is the star rating; when false (default) every rated movie counts as r = 1, i.e. the
    /// ratings are treated as binary implicit feedback.
    /// </summary>
    public bool UseRatingsAsStrength { get; init; }

    /// <summary>Seed of the initial factors (uniform in [0, 0.01), as implicit). Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> (parameter "options") for invalid settings.</summary>
    public void Validate()
    {
        Check(Factors >= 1, Factors, "Factors must be at least 1.");
        Check(float.IsFinite(Regularization) && Regularization >= 0, Regularization, "Regularization must be a finite value ≥ 0.");
        Check(float.IsFinite(Alpha) && Alpha >= 0, Alpha, "Alpha must be a finite value ≥ 0.");
        Check(Iterations >= 1, Iterations, "Iterations must be at least 1.");
        Check(ConjugateGradientSteps >= 1, ConjugateGradientSteps, "ConjugateGradientSteps must be at least 1.");
    }

    private static void Check(bool ok, object value, string message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException("options", value, message);
        }
    }
}

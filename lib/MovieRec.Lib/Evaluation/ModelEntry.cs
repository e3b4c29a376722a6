using MovieRec.Models;

namespace MovieRec.Evaluation;

/// <summary>
/// One contestant of a <see cref="ModelComparison"/>: a short label for tables and charts, and a factory that makes
/// an unfitted model. Adding a model to a leaderboard is one line: <c>new("Ease", () => new Ease())</c>.
/// </summary>
/// <param name="Name">Label in the leaderboard (distinct within a comparison), e.g. "Ease".</param>
/// <param name="Create">Makes a fresh, unfitted model; called once, and once more for rating predictors (rating split).</param>
public sealed record ModelEntry(string Name, Func<IRecommender> Create)
{
    /// <summary>
    /// Set for an entry made by <see cref="FromFitted"/>: builds an already-fitted model from the models fitted
    /// earlier in the same comparison (by label). Null for an ordinary entry.
    /// </summary>
    public Func<IReadOnlyDictionary<string, IRecommender>, IRecommender>? Compose { get; private init; }

    /// <summary>
    /// An entry assembled from models fitted earlier in the same comparison instead of being trained again — e.g.
    /// <c>ModelEntry.FromFitted("TwoStage", fitted =&gt; TwoStageRecommender.FromFitted(fitted["TwoTower"],
    /// (IRatingPredictor)fitted["RankingModel"]))</c>. It is evaluated like any other entry; its fit time is left
    /// empty because it trained nothing itself, and it gets no rating-split fit.
    /// </summary>
    /// <param name="name">Label in the leaderboard.</param>
    /// <param name="compose">Receives the fitted models of the entries listed before this one, by label.</param>
    public static ModelEntry FromFitted(string name, Func<IReadOnlyDictionary<string, IRecommender>, IRecommender> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        return new ModelEntry(name, () => throw new InvalidOperationException(
            $"Model entry '{name}' is assembled from fitted models; ModelComparison calls its Compose function instead."))
        {
            Compose = compose,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> for an empty name or a missing factory.</summary>
    public void Validate(string parameterName = "entry")
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A model entry needs a name.", parameterName);
        }

        if (Create is null)
        {
            throw new ArgumentException($"Model entry '{Name}' has no factory.", parameterName);
        }
    }
}

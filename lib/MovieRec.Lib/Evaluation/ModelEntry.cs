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

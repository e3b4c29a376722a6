using MovieRec.Data;
using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// Explicit-rating regression for <see cref="TrainingLoop"/>: one example per training rating, loss = mean
/// squared error of the module's predictions plus its per-example penalty; validation is the RMSE of clipped
/// predictions on held-out ratings, reported as "negative-rmse" (the loop's primary metric must grow) and "rmse".
/// </summary>
internal sealed class RatingTrainingTask : ITrainingTask, IDisposable
{
    public const string PrimaryMetric = "negative-rmse";
    private readonly PairScoringModule _module;
    private readonly Tensor _users;
    private readonly Tensor _items;
    private readonly Tensor _ratings;
    private readonly Tensor? _validationUsers;
    private readonly Tensor? _validationItems;
    private readonly Tensor? _validationRatings;

    /// <param name="module">The network to train.</param>
    /// <param name="fit">Ratings to learn from.</param>
    /// <param name="validation">Held-out ratings scored after every epoch, or null.</param>
    /// <param name="users">User vocabulary (of all training data).</param>
    /// <param name="items">Item vocabulary (of all training data).</param>
    public RatingTrainingTask(PairScoringModule module, RatingsTable fit, RatingsTable? validation, IdVocabulary users, IdVocabulary items)
    {
        _module = module;
        (_users, _items, _ratings) = ToTensors(fit, users, items);
        if (validation is { Count: > 0 })
        {
            (_validationUsers, _validationItems, _validationRatings) = ToTensors(validation, users, items);
        }
    }

    public nn.Module Module => _module;

    public long ExampleCount => _users.shape[0];

    public Tensor ComputeLoss(TrainingBatch batch)
    {
        var users = _users.index_select(0, batch.ExampleIndices);
        var items = _items.index_select(0, batch.ExampleIndices);
        var targets = _ratings.index_select(0, batch.ExampleIndices);
        return nn.functional.mse_loss(_module.Score(users, items), targets) + _module.Penalty(users, items);
    }

    public ValidationResult? Validate()
    {
        if (_validationUsers is null)
        {
            return null;
        }

        var predicted = _module.Score(_validationUsers, _validationItems!).clamp(RatingScale.Minimum, RatingScale.Maximum);
        var rmse = (predicted - _validationRatings!).square().mean().sqrt().item<float>();
        return new ValidationResult(PrimaryMetric, new Dictionary<string, double> { [PrimaryMetric] = -rmse, ["rmse"] = rmse });
    }

    public void Dispose()
    {
        foreach (var t in new[] { _users, _items, _ratings, _validationUsers, _validationItems, _validationRatings })
        {
            t?.Dispose();
        }
    }

    private static (Tensor Users, Tensor Items, Tensor Ratings) ToTensors(RatingsTable ratings, IdVocabulary users, IdVocabulary items)
    {
        var u = new long[ratings.Count];
        var m = new long[ratings.Count];
        for (var i = 0; i < u.Length; i++)
        {
            u[i] = users.IndexOf(ratings.UserIds[i]);
            m[i] = items.IndexOf(ratings.MovieIds[i]);
        }

        return (tensor(u).DetachFromDisposeScope(), tensor(m).DetachFromDisposeScope(), tensor(ratings.Ratings).DetachFromDisposeScope());
    }
}

/// <summary>The MovieLens star scale that rating predictions are clipped to.</summary>
public static class RatingScale
{
    /// <summary>Lowest rating, 0.5 stars.</summary>
    public const float Minimum = 0.5f;

    /// <summary>Highest rating, 5 stars.</summary>
    public const float Maximum = 5f;
}

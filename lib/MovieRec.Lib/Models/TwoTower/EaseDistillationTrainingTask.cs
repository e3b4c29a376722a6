using MovieRec.Training;
using static TorchSharp.torch;

namespace MovieRec.Models.TwoTower;

/// <summary>
/// The <see cref="TwoTowerLoss.EaseDistillation"/> loss for <see cref="TrainingLoop"/>: one example per user. The user
/// tower pools the user's whole training history, the item tower encodes the whole catalogue once per batch, and the
/// loss is Σ over the movies j the user has not rated of (t_uj − u·v_j)², with t the EASE teacher's scores, summed per
/// user and averaged over the batch's users. Rated movies are masked out: they are excluded at recommendation, so the
/// student spends no capacity on them (EASE's scores there are not targets anyway: its diagonal is forced to zero).
/// </summary>
/// <remarks>
/// Why distil: EASE's n × n item-item matrix does not scale to large catalogues and cannot be served from an
/// approximate-nearest-neighbour index; the student's 64-d user and item vectors can (docs/two-tower.md). The teacher's
/// scores are precomputed once as a users × movies tensor (<see cref="EaseTeacher"/>); a batch gathers its rows.
/// </remarks>
internal sealed class EaseDistillationTrainingTask : ITrainingTask, IDisposable
{
    private readonly TwoTowerModel _model;
    private readonly TwoTowerOptions _options;
    private readonly long _itemCount;
    private readonly TwoTowerInteractions _data;
    private readonly Tensor _teacher;

    /// <param name="model">The student network.</param>
    /// <param name="options">Loss settings.</param>
    /// <param name="fit">Training pairs (users × items CSR), the same ones the teacher was fitted on.</param>
    /// <param name="validation">Held-out pairs scored each epoch, or null for no validation.</param>
    /// <param name="teacherScores">Row-major <paramref name="fit"/> users × items teacher scores.</param>
    public EaseDistillationTrainingTask(TwoTowerModel model, TwoTowerOptions options, SeenItems fit, SeenItems? validation, float[] teacherScores)
    {
        if (teacherScores.LongLength != (long)fit.UserCount * fit.ItemCount)
        {
            throw new ArgumentException(
                $"{teacherScores.LongLength} teacher scores for {fit.UserCount} users × {fit.ItemCount} items.", nameof(teacherScores));
        }

        _model = model;
        _options = options;
        _itemCount = fit.ItemCount;
        _data = new TwoTowerInteractions(options, fit, validation);
        _teacher = tensor(teacherScores, [fit.UserCount, fit.ItemCount]).DetachFromDisposeScope();
    }

    public TorchSharp.torch.nn.Module Module => _model;

    /// <summary>One example per training user.</summary>
    public long ExampleCount => _data.UserLengths.shape[0];

    public Tensor ComputeLoss(TrainingBatch batch) => Loss(batch.ExampleIndices);

    /// <summary>Mean over <paramref name="users"/> of Σ_(j not rated) (t_uj − s_uj)².</summary>
    internal Tensor Loss(Tensor users)
    {
        // The batch's entries are gathered once and serve both the student's pooling and the seen mask.
        var entries = Entries(users);
        var difference = (_teacher.index_select(0, users) - StudentScores(users, entries)).masked_fill(SeenMask(users, entries), 0f);
        return difference.pow(2).sum() / users.shape[0];
    }

    /// <summary>[rows, N] student scores u·v of <paramref name="users"/> (whole histories pooled) against every movie.</summary>
    internal Tensor StudentScores(Tensor users) => StudentScores(users, Entries(users));

    private Tensor StudentScores(Tensor users, (Tensor Rows, Tensor Positions) entries)
    {
        var (rows, positions) = entries;
        var weights = _data.EntryWeights?.index_select(0, positions);
        var userVectors = _model.EncodeUsersFromSubsets(users, rows, _data.EntryItems.index_select(0, positions), weights);
        return userVectors.matmul(_model.EncodeItems(_data.AllItems).t());
    }

    /// <summary>[rows, N] true where the batch user rated the movie in training.</summary>
    internal Tensor SeenMask(Tensor users) => SeenMask(users, Entries(users));

    private Tensor SeenMask(Tensor users, (Tensor Rows, Tensor Positions) entries)
    {
        var (rows, positions) = entries;
        return CsrBatch.Mask(rows, _data.EntryItems.index_select(0, positions), users.shape[0], _itemCount);
    }

    public ValidationResult? Validate() => _data.Validate(_model, _options);

    public void Dispose()
    {
        _teacher.Dispose();
        _data.Dispose();
    }

    private (Tensor Rows, Tensor Positions) Entries(Tensor users) => CsrBatch.Entries(users, _data.UserOffsets, _data.UserLengths);
}
